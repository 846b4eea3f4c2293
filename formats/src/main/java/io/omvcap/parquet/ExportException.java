package io.omvcap.parquet;

import java.io.IOException;

/** An export that cannot go on; the message is one line naming the file or folder. */
public final class ExportException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A new exception with a one-line message. */
    public ExportException(String message) {
        super(message);
    }

    /** A new exception with a one-line message and its cause. */
    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
