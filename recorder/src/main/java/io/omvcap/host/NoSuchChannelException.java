package io.omvcap.host;

/** A channel name the cam does not list (even after refreshing its channel list). */
public final class NoSuchChannelException extends CameraException {
    private static final long serialVersionUID = 1L;

    private final String channel;

    /** A new exception for {@code channel}; the message names the channels the cam has. */
    public NoSuchChannelException(String channel, String message) {
        super(message);
        this.channel = channel;
    }

    /** The name that was asked for. */
    public String channel() {
        return channel;
    }
}
