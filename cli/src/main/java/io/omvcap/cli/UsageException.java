package io.omvcap.cli;

/** A command line that cannot be run as given; reported in one line with exit code 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A new usage error with a one-line message. */
    public UsageException(String message) {
        super(message);
    }
}
