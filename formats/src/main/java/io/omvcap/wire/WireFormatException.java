package io.omvcap.wire;

/**
 * Bytes that do not follow the protocol: a payload of the wrong size for its opcode, a
 * reassembled response over its bound, malformed CBOR. The message names the problem in one line.
 */
public class WireFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A new exception with a one-line message. */
    public WireFormatException(String message) {
        super(message);
    }

    /** A new exception with a one-line message and its cause. */
    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
