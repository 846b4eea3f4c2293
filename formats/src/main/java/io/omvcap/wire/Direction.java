package io.omvcap.wire;

/** Which way bytes travel between the host and the cam. */
public enum Direction {
    /** Host to cam: requests, host ACKs, writes. */
    HOST_TO_CAM("h2c"),
    /** Cam to host: responses, fragments, events, NAKs. */
    CAM_TO_HOST("c2h");

    private final String shortName;

    Direction(String shortName) {
        this.shortName = shortName;
    }

    /** The short name used in files and topics: {@code h2c} or {@code c2h}. */
    public String shortName() {
        return shortName;
    }

    /** The other direction. */
    public Direction opposite() {
        return this == HOST_TO_CAM ? CAM_TO_HOST : HOST_TO_CAM;
    }

    /** Parses {@code h2c} / {@code c2h} (or the enum name). */
    public static Direction parse(String s) {
        for (Direction d : values()) {
            if (d.shortName.equalsIgnoreCase(s) || d.name().equalsIgnoreCase(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown direction '" + s + "' (expected h2c or c2h)");
    }
}
