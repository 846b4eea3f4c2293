package io.omvcap.cli;

/** Exit codes of the {@code omvcap} command, defined once. */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** A runtime error: bad input file, missing port, I/O failure. */
    public static final int ERROR = 1;
    /** A usage error: unknown command or option, missing or malformed argument. */
    public static final int USAGE = 2;
    /** Partial success: something was lost (e.g. {@code recover} dropped damaged data). */
    public static final int PARTIAL = 3;
    /** A difference was found: a strict replay diverged, {@code diff} found the sessions differ. */
    public static final int DIFFERENT = 4;
    /** Interrupted by SIGINT. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
