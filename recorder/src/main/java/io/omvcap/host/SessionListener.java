package io.omvcap.host;

import io.omvcap.wire.Direction;
import io.omvcap.wire.WireEvent;

/**
 * Sees a session the way a recorder archives it: every packet in both directions (valid, invalid
 * and noise, as decoded), every completed logical read and write, events and lifecycle
 * milestones. Raw bytes go to a {@link io.omvcap.link.TapListener} instead. All methods have
 * empty defaults; they run on the thread using the {@link Camera}, must copy what they keep,
 * return quickly and not call back into the camera.
 */
public interface SessionListener {
    /**
     * A packet or noise run. Host-to-cam offsets count the bytes the camera wrote; cam-to-host
     * offsets are the decoder's stream offsets.
     */
    default void onPacket(Direction direction, WireEvent event, long nanoTime) {
    }

    /** A completed logical read: all fragments joined. */
    default void onRead(int channelId, String channelName, long offset, byte[] data, long nanoTime) {
    }

    /** A completed logical write: all chunks acknowledged; {@code data} is the whole write. */
    default void onWrite(int channelId, String channelName, long offset, byte[] data, long nanoTime) {
    }

    /** An event from the cam (also delivered to {@link CameraListener}s). */
    default void onEvent(CameraEvent event) {
    }

    /**
     * The framing the session's packet decoder applies from now on: whether CRCs are checked (as
     * negotiated by caps) and the largest payload it accepts. Reported when a session starts and
     * whenever it changes, before any byte it applies to.
     */
    default void onFraming(boolean crc, int maxPayload, long nanoTime) {
    }

    /** A milestone or recovery. */
    default void onLifecycle(Lifecycle kind, String detail, long nanoTime) {
    }
}
