package io.omvcap.cli;

/** Entry point of the {@code omvcap} command. */
public final class Main {
    private Main() {
    }

    /** Runs the command and exits with its exit code. */
    public static void main(String[] args) {
        int code = new Omvcap(Terminal.system()).run(args);
        System.out.flush();
        System.exit(code);
    }
}
