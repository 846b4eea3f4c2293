package io.omvcap.sim;

import java.util.Locale;

/** What the simulated cam's frames show. */
public enum FramePattern {
    /** Scrolling colour bars, a bouncing square and the frame number: small, compressible JPEGs. */
    BARS,
    /** Pseudo-random pixels: JPEGs as large and incompressible as a busy real scene. */
    NOISE;

    /** The pattern named {@code name} ({@code bars} or {@code noise}). */
    public static FramePattern byName(String name) {
        for (FramePattern p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown frame pattern '" + name + "' (known: bars, noise)");
    }

    /** The lower-case name used in settings. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
