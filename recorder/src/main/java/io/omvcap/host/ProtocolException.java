package io.omvcap.host;

/**
 * The conversation got out of step: a malformed or unexpected response, or the cam soft-rebooted
 * while a request was outstanding. Transient: a resync normally cures it.
 */
public final class ProtocolException extends CameraException {
    private static final long serialVersionUID = 1L;

    /** A new exception with a one-line message. */
    public ProtocolException(String message) {
        super(message);
    }

    /** A new exception with a one-line message and its cause. */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
