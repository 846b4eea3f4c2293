package io.omvcap.archive;

/** An archive that does not follow the omvcap layout; the message names the problem in one line. */
public class ArchiveFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A new exception with a one-line message. */
    public ArchiveFormatException(String message) {
        super(message);
    }

    /** A new exception with a one-line message and a cause. */
    public ArchiveFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
