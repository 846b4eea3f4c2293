package io.omvcap.parquet;

/** Hears how an export goes: progress (for a bar) and warnings (one line each). */
public interface ExportListener {
    /** Ignores everything. */
    ExportListener NONE = new ExportListener() {
    };

    /**
     * Progress: {@code bytesDone} of {@code bytesTotal} input bytes (estimated within a file) and
     * rows written so far. Called often; cheap implementations only.
     */
    default void progress(long bytesDone, long bytesTotal, long rows) {
    }

    /** A problem that did not stop the export (a damaged record, a cut-off file, a skipped input). */
    default void warning(String line) {
    }

    /** A session is about to be exported. */
    default void session(String sessionId, int files) {
    }
}
