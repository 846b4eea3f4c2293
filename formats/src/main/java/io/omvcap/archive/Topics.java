package io.omvcap.archive;

import io.omvcap.wire.Direction;

/** Topic names, message encodings and metadata names of the archive layout, defined once. */
public final class Topics {
    /** MCAP header profile of session archives. */
    public static final String PROFILE = "openmv";

    /**
     * Layout version written by this code, kept in the {@code omvcap.session} metadata under
     * {@link #META_FORMAT_VERSION}: 1 (no key) stored every packet on {@code /packets} and every
     * transport read as its own {@code /wire} message; 2 stores batched wire bytes from which the
     * packets are derived.
     */
    public static final int FORMAT_VERSION = 2;
    /** Metadata key of the layout version in {@code omvcap.session}. */
    public static final String META_FORMAT_VERSION = "format_version";

    /** Raw bytes, no schema. */
    public static final String ENCODING_RAW = "application/octet-stream";
    /** CBOR messages. */
    public static final String ENCODING_CBOR = "cbor";
    /** JSON messages. */
    public static final String ENCODING_JSON = "json";

    /** Host-to-cam wire bytes. */
    public static final String WIRE_H2C = "/wire/h2c";
    /** Cam-to-host wire bytes. */
    public static final String WIRE_C2H = "/wire/c2h";
    /** Every framed packet, both directions. */
    public static final String PACKETS = "/packets";
    /** Script output. */
    public static final String STDOUT = "/stdout";
    /** Events from the cam. */
    public static final String EVENTS = "/events";
    /** Device facts when they change. */
    public static final String DEVICE = "/device";
    /** Lifecycle: connect, disconnect, reconnect, resync, errors, rotation. */
    public static final String SESSION = "/session";
    /** Recorder heartbeat. */
    public static final String STATS = "/recorder/stats";

    /** Metadata record with the session facts. */
    public static final String META_SESSION = "omvcap.session";
    /** Metadata record with the device facts. */
    public static final String META_DEVICE = "omvcap.device";
    /** Metadata record with the session totals, written when a file is finished. */
    public static final String META_TOTALS = "omvcap.totals";

    private static final String CHANNEL_PREFIX = "/channel/";

    private Topics() {
    }

    /** The wire topic of a direction. */
    public static String wire(Direction dir) {
        return dir == Direction.HOST_TO_CAM ? WIRE_H2C : WIRE_C2H;
    }

    /** Whether {@code topic} is one of the two wire topics. */
    public static boolean isWire(String topic) {
        return WIRE_H2C.equals(topic) || WIRE_C2H.equals(topic);
    }

    /** The direction of a wire topic. */
    public static Direction directionOf(String wireTopic) {
        return WIRE_H2C.equals(wireTopic) ? Direction.HOST_TO_CAM : Direction.CAM_TO_HOST;
    }

    /** The topic for a kind of data on a device channel, e.g. {@code /channel/frame/read}. */
    public static String channel(String channelName, ChannelTopic kind) {
        return CHANNEL_PREFIX + sanitize(channelName) + "/" + kind.suffix();
    }

    /** Whether {@code topic} is a device-channel topic. */
    public static boolean isChannelTopic(String topic) {
        return topic.startsWith(CHANNEL_PREFIX);
    }

    /** The channel name of a channel topic, or {@code null}. */
    public static String channelOf(String topic) {
        if (!isChannelTopic(topic)) {
            return null;
        }
        int slash = topic.indexOf('/', CHANNEL_PREFIX.length());
        return slash < 0 ? null : topic.substring(CHANNEL_PREFIX.length(), slash);
    }

    /** The kind of a channel topic, or {@code null}. */
    public static ChannelTopic kindOf(String topic) {
        if (!isChannelTopic(topic)) {
            return null;
        }
        String suffix = topic.substring(topic.lastIndexOf('/') + 1);
        for (ChannelTopic k : ChannelTopic.values()) {
            if (k.suffix().equals(suffix)) {
                return k;
            }
        }
        return null;
    }

    /** Channel names become path segments: anything outside [A-Za-z0-9_.-] becomes '_'. */
    static String sanitize(String name) {
        if (name.isEmpty()) {
            return "_";
        }
        char[] c = name.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char ch = c[i];
            boolean ok = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_'
                    || ch == '.' || ch == '-';
            if (!ok) {
                c[i] = '_';
            }
        }
        return new String(c);
    }
}
