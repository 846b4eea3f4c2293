package io.omvcap.parquet;

import io.omvcap.archive.SessionReader;
import io.omvcap.mcap.Statistics;
import java.util.function.LongSupplier;

/**
 * Turns a pass's log times into input bytes processed: within a finished file the share of its
 * time span already passed (the file's summary gives the span), counted in the file's size; a file
 * without a summary counts when it is done.
 */
final class Progress {
    private static final int EVERY = 1024;

    private final long totalBytes;
    private final ExportListener listener;
    private final LongSupplier rows;
    private long doneBefore;
    private long fileSize;
    private long start;
    private long span;
    private int calls;

    Progress(long totalBytes, ExportListener listener, LongSupplier rows) {
        this.totalBytes = totalBytes;
        this.listener = listener;
        this.rows = rows;
    }

    /** A file's pass begins. */
    void startFile(SessionReader r) {
        fileSize = r.fileSize();
        Statistics st = r.statistics().orElse(null);
        start = st == null ? 0 : st.messageStartTime();
        span = st == null ? 0 : st.messageEndTime() - st.messageStartTime();
        listener.progress(doneBefore, totalBytes, rows.getAsLong());
    }

    /** The pass reached {@code logTime}. */
    void at(long logTime) {
        if (++calls % EVERY != 0) {
            return;
        }
        long within = span <= 0 ? 0 : (long) (fileSize * Math.min(1.0, Math.max(0.0, (double) (logTime - start) / span)));
        listener.progress(doneBefore + within, totalBytes, rows.getAsLong());
    }

    /** The file's pass is over. */
    void endFile() {
        doneBefore += fileSize;
        listener.progress(doneBefore, totalBytes, rows.getAsLong());
    }

    /** A file skipped or counted without a pass. */
    void skip(long bytes) {
        doneBefore += bytes;
    }
}
