package io.omvcap.parquet;

import java.util.Locale;

/** Where the {@code frames} table puts the image bytes. */
public enum FrameMode {
    /** In the {@code data} column. */
    INLINE,
    /** In image files under {@code OUT/frame_files/}; the {@code file} column has the relative path. */
    FILES,
    /** Nowhere: only the frame's facts (time, size, format, dimensions). */
    NONE;

    /** The name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code s} (case-insensitive), or {@code null}. */
    public static FrameMode parse(String s) {
        for (FrameMode m : values()) {
            if (m.cliName().equalsIgnoreCase(s)) {
                return m;
            }
        }
        return null;
    }
}
