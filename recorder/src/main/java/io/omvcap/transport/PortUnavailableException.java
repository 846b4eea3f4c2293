package io.omvcap.transport;

import java.io.IOException;

/** A link could not be opened; {@link #reason()} says why, the message says it in one line. */
public final class PortUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why a link could not be opened. */
    public enum Reason {
        /** No such device or host. */
        MISSING,
        /** Another program (or another camera in this process) holds it. */
        BUSY,
        /** The user may not open it. */
        PERMISSION_DENIED,
        /** Refused or failed for another reason. */
        FAILED
    }

    private final Reason reason;

    /** A new exception with a one-line message. */
    public PortUnavailableException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A new exception with a one-line message and its cause. */
    public PortUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why the link could not be opened. */
    public Reason reason() {
        return reason;
    }
}
