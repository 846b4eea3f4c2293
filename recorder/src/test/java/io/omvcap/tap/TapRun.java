package io.omvcap.tap;

import io.omvcap.record.RecordingResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** A tap running on its own thread for a test: started, asked where hosts connect, stopped. */
final class TapRun implements AutoCloseable {
    final Tap tap;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private final AtomicReference<RecordingResult> result = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final String endpoint;

    private TapRun(TapOptions options) throws InterruptedException {
        tap = new Tap(options, log::add);
        thread = new Thread(() -> {
            try {
                result.set(tap.run());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "test-tap");
        thread.start();
        endpoint = tap.awaitEndpoint(Duration.ofSeconds(20));
    }

    /** Starts a tap; fails when it does not offer its endpoint. */
    static TapRun start(TapOptions options) throws Exception {
        TapRun run = new TapRun(options);
        if (run.endpoint == null) {
            run.thread.join(5_000);
            throw new AssertionError("the tap did not start: " + run.failure.get() + " " + run.log, run.failure.get());
        }
        return run;
    }

    /** Where hosts connect. */
    String endpoint() {
        return endpoint;
    }

    /** Stops the tap and returns how it ended. */
    RecordingResult finish() throws Exception {
        tap.stop();
        thread.join(30_000);
        if (thread.isAlive()) {
            throw new AssertionError("the tap did not stop: " + log);
        }
        if (failure.get() != null) {
            throw new AssertionError("the tap failed: " + failure.get() + " " + log, failure.get());
        }
        return result.get();
    }

    @Override
    public void close() throws Exception {
        if (thread.isAlive()) {
            finish();
        }
    }
}
