package io.omvcap.host;

/** The cam did not answer in time (no progress for the configured timeout). */
public final class CameraTimeoutException extends CameraException {
    private static final long serialVersionUID = 1L;

    /** A new exception with a one-line message. */
    public CameraTimeoutException(String message) {
        super(message);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
