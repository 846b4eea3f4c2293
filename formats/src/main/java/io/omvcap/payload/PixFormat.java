package io.omvcap.payload;

/** Pixel formats in stream frame headers. Unknown values are kept as numbers by {@link FrameHeader}. */
public enum PixFormat {
    JPEG(0x06060000L),
    GRAYSCALE(0x08020001L),
    RGB565(0x0C030002L);

    private final long code;

    PixFormat(long code) {
        this.code = code;
    }

    /** The uint32 code. */
    public long code() {
        return code;
    }

    /** The pixformat for {@code code}, or {@code null}. */
    public static PixFormat of(long code) {
        for (PixFormat f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }

    /** A readable name for {@code code}. */
    public static String nameOf(long code) {
        PixFormat f = of(code);
        return f != null ? f.name() : String.format("0x%08X", code);
    }
}
