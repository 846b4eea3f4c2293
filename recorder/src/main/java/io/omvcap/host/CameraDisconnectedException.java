package io.omvcap.host;

/** The link ended or failed: the port vanished, the socket closed, or the camera was closed. */
public final class CameraDisconnectedException extends CameraException {
    private static final long serialVersionUID = 1L;

    /** A new exception with a one-line message. */
    public CameraDisconnectedException(String message) {
        super(message);
    }

    /** A new exception with a one-line message and the I/O failure behind it. */
    public CameraDisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
