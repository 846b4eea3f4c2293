package io.omvcap.payload;

/** Ioctl request codes of the built-in channels. */
public enum Ioctl {
    STDIN_STOP(BuiltinChannel.STDIN, 0x01, 0),
    STDIN_EXEC(BuiltinChannel.STDIN, 0x02, 0),
    STDIN_RESET(BuiltinChannel.STDIN, 0x03, 0),
    /** uint32 enable. */
    STREAM_CTRL(BuiltinChannel.STREAM, 0x00, 4),
    /** uint32 raw mode enable. */
    STREAM_RAW_CTRL(BuiltinChannel.STREAM, 0x01, 4),
    /** uint32 width, uint32 height. */
    STREAM_RAW_CFG(BuiltinChannel.STREAM, 0x02, 8),
    /** Newer firmware: uint32 source. */
    STREAM_SOURCE(BuiltinChannel.STREAM, 0x03, 4),
    PROFILE_MODE(BuiltinChannel.PROFILE, 0x00, 4),
    PROFILE_SET_EVENT(BuiltinChannel.PROFILE, 0x01, 8),
    PROFILE_RESET(BuiltinChannel.PROFILE, 0x02, 0),
    PROFILE_STATS(BuiltinChannel.PROFILE, 0x03, 0);

    private final BuiltinChannel channel;
    private final int request;
    private final int argumentSize;

    Ioctl(BuiltinChannel channel, int request, int argumentSize) {
        this.channel = channel;
        this.request = request;
        this.argumentSize = argumentSize;
    }

    /** The channel this request belongs to. */
    public BuiltinChannel channel() {
        return channel;
    }

    /** The uint32 request code. */
    public int request() {
        return request;
    }

    /** Size of the arguments that follow the request code. */
    public int argumentSize() {
        return argumentSize;
    }

    /** The known ioctl for a channel id and request code, or {@code null}. */
    public static Ioctl of(int channelId, long request) {
        for (Ioctl i : values()) {
            if (i.channel.id() == channelId && i.request == request) {
                return i;
            }
        }
        return null;
    }

    /** A readable name: the known ioctl's name or {@code IOCTL_0xNN}. */
    public static String nameOf(int channelId, long request) {
        Ioctl i = of(channelId, request);
        return i != null ? i.name() : String.format("IOCTL_0x%02X", request);
    }
}
