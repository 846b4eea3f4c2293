package io.omvcap.wire;

/** Status codes carried as a uint16 in NAK payloads. Unknown values are kept as numbers. */
public enum Status {
    SUCCESS(0),
    FAILED(1),
    INVALID(2),
    TIMEOUT(3),
    BUSY(4),
    CHECKSUM(5),
    SEQUENCE(6),
    OVERFLOW(7),
    FRAGMENT(8),
    UNKNOWN(9);

    private static final Status[] BY_CODE = values();

    private final int code;

    Status(int code) {
        this.code = code;
    }

    /** The uint16 status value. */
    public int code() {
        return code;
    }

    /** The status for {@code code}, or {@code null} when it is not one we know. */
    public static Status of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The name of {@code code}, or {@code STATUS_n} for an unknown value. */
    public static String nameOf(int code) {
        Status s = of(code);
        return s != null ? s.name() : "STATUS_" + code;
    }
}
