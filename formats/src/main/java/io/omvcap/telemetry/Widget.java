package io.omvcap.telemetry;

import java.util.Locale;

/** Widget types a telemetry field declares (key −30). Unknown names are kept as strings. */
public enum Widget {
    LABEL, TEXT, TOGGLE, PUSHBUTTON, SLIDER, SPINBOX, SELECT, RADIO, LINEEDIT, DEPTH, WAVEFORM;

    /** The name as it appears in CBOR, e.g. {@code "slider"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The widget named {@code s}, or {@code null}. */
    public static Widget of(String s) {
        if (s == null) {
            return null;
        }
        for (Widget w : values()) {
            if (w.wireName().equals(s)) {
                return w;
            }
        }
        return null;
    }

    /** Whether the host may write this widget's value. */
    public boolean isControl() {
        return switch (this) {
            case TOGGLE, PUSHBUTTON, SLIDER, SPINBOX, SELECT, RADIO, LINEEDIT -> true;
            default -> false;
        };
    }
}
