package io.omvcap.host;

import java.io.IOException;

/**
 * Base of everything a {@link Camera} throws: one-line messages, no stack of causes to read.
 * {@link #isTransient()} tells whether a resync and one retry may cure it (the camera does that
 * itself before the exception reaches the caller).
 */
public class CameraException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A new exception with a one-line message. */
    public CameraException(String message) {
        super(message);
    }

    /** A new exception with a one-line message and its cause. */
    public CameraException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the protocol may recover from this by resynchronising (lost or damaged packets, a reboot). */
    public boolean isTransient() {
        return false;
    }
}
