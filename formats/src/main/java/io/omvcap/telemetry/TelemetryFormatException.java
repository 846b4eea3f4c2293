package io.omvcap.telemetry;

import io.omvcap.wire.WireFormatException;

/** CBOR telemetry that cannot be decoded; the message says what was wrong in one line. */
public final class TelemetryFormatException extends WireFormatException {
    private static final long serialVersionUID = 1L;

    /** A new exception with a one-line message. */
    public TelemetryFormatException(String message) {
        super(message);
    }

    /** A new exception with a one-line message and its cause. */
    public TelemetryFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
