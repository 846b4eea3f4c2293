package io.omvcap.host;

/** Nothing on the link answers PROTO_SYNC: not an OpenMV cam, or firmware without protocol v2. */
public final class NotOpenMvException extends CameraException {
    private static final long serialVersionUID = 1L;

    /** A new exception with a one-line message. */
    public NotOpenMvException(String message) {
        super(message);
    }
}
