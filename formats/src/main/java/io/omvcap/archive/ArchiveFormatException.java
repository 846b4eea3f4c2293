package io.omvcap.archive;

import io.omvcap.mcap.OneLine;

/**
 * An archive that does not follow the omvcap layout; the message names the problem in one line
 * (control characters quoted from the file are escaped).
 */
public class ArchiveFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A new exception with a one-line message. */
    public ArchiveFormatException(String message) {
        super(OneLine.of(message));
    }

    /** A new exception with a one-line message and a cause. */
    public ArchiveFormatException(String message, Throwable cause) {
        super(OneLine.of(message), cause);
    }
}
