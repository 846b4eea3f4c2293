package io.omvcap.host;

import io.omvcap.payload.Event;
import io.omvcap.payload.SystemEvent;
import java.util.Objects;

/**
 * An event the cam sent, with the name of its channel as last listed.
 *
 * @param event       the decoded event
 * @param channelName the channel's name, {@code "system"} for channel 0, or {@code null} when unknown
 * @param nanoTime    {@link System#nanoTime()} when it was received
 */
public record CameraEvent(Event event, String channelName, long nanoTime) {
    /** Validates the fields. */
    public CameraEvent {
        Objects.requireNonNull(event, "event");
    }

    /** The channel id (0 for system events). */
    public int channel() {
        return event.channel();
    }

    /** The event code ({@link Event#NOTIFY} for a zero-length event). */
    public int code() {
        return event.code();
    }

    /** The system event, or {@code null} for channel events. */
    public SystemEvent systemEvent() {
        return event.systemEvent();
    }

    /** Whether the cam announced a soft reboot (its protocol restarted with defaults). */
    public boolean isSoftReboot() {
        return systemEvent() == SystemEvent.SOFT_REBOOT;
    }

    /** Whether a script registered or removed a channel. */
    public boolean changesChannels() {
        SystemEvent s = systemEvent();
        return s == SystemEvent.CHANNEL_REGISTERED || s == SystemEvent.CHANNEL_UNREGISTERED;
    }

    @Override
    public String toString() {
        return (channelName != null ? channelName : "channel " + channel()) + " " + event.describe();
    }
}
