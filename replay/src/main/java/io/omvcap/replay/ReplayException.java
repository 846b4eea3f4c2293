package io.omvcap.replay;

import java.io.IOException;

/**
 * A recording cannot be replayed as given: not a session archive, no channel list, damaged. The
 * message is one line naming the file and what is missing.
 */
public final class ReplayException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with a one-line message. */
    public ReplayException(String message) {
        super(message);
    }

    /** An exception with a one-line message and its cause. */
    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
