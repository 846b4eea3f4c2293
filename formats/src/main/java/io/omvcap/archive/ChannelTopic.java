package io.omvcap.archive;

/** The kinds of per-channel topics. */
public enum ChannelTopic {
    /** Reassembled reads. */
    READ("read"),
    /** Host writes, chunks joined. */
    WRITE("write"),
    /** Frames (image bytes with dimensions). */
    FRAME("frame"),
    /** CBOR telemetry, stored as the cam sent it. */
    TELEMETRY("telemetry");

    private final String suffix;

    ChannelTopic(String suffix) {
        this.suffix = suffix;
    }

    /** The last topic segment. */
    public String suffix() {
        return suffix;
    }
}
