package io.omvcap.archive;

import java.util.Locale;

/** Lifecycle events on {@code /session}: why there is (or is no) data at a given time. */
public enum LifecycleKind {
    START, CONNECT, DISCONNECT, RECONNECT, RESYNC, SOFT_REBOOT, ERROR, ROTATE, STOP;

    /** The name used in the archive, e.g. {@code soft_reboot}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code s} (archive name or enum name), or {@code null}. */
    public static LifecycleKind parse(String s) {
        for (LifecycleKind k : values()) {
            if (k.wireName().equalsIgnoreCase(s)) {
                return k;
            }
        }
        return null;
    }
}
