package io.omvcap.host;

/**
 * Receives the cam's events: system events (channel registered, soft reboot) and channel events
 * (script started/stopped, frame ready, stdout has text). Called on the thread that is using the
 * {@link Camera} (during a request or {@link Camera#pumpEvents}); it must return quickly and must
 * not call back into the camera.
 */
@FunctionalInterface
public interface CameraListener {
    /** One event, in arrival order. */
    void onEvent(CameraEvent event);
}
