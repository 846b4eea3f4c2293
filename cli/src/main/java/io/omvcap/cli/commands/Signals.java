package io.omvcap.cli.commands;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into a clean stop request while a long command runs, and restores the
 * previous handlers afterwards. A second signal falls through to the default (immediate exit).
 */
final class Signals implements AutoCloseable {
    private final SignalHandler oldInt;
    private final SignalHandler oldTerm;

    private Signals(Runnable stop) {
        SignalHandler handler = new SignalHandler() {
            private volatile boolean seen;

            @Override
            public void handle(Signal sig) {
                if (seen) {
                    Runtime.getRuntime().halt(130);
                }
                seen = true;
                stop.run();
            }
        };
        oldInt = Signal.handle(new Signal("INT"), handler);
        oldTerm = Signal.handle(new Signal("TERM"), handler);
    }

    /** Installs handlers that call {@code stop}. */
    static Signals onStop(Runnable stop) {
        return new Signals(stop);
    }

    @Override
    public void close() {
        Signal.handle(new Signal("INT"), oldInt);
        Signal.handle(new Signal("TERM"), oldTerm);
    }
}
