package io.omvcap.record;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the recorder's periodic flush (chunk age, fsync, file size) on a daemon thread. Closing it
 * waits for a tick in progress and never interrupts it: an interrupt during a file write or fsync
 * would close the segment's file channel and the segment could not be finished.
 */
public final class FlushTimer implements AutoCloseable {
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);
    private final ScheduledExecutorService executor;

    /** Runs {@code tick} every {@code period} until closed. */
    public FlushTimer(Duration period, Runnable tick) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "omvcap-flush");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdown();
        boolean interrupted = Thread.interrupted();
        try {
            executor.awaitTermination(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
