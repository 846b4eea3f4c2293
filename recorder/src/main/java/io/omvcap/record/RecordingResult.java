package io.omvcap.record;

import java.nio.file.Path;
import java.util.List;

/**
 * How a recording ended.
 *
 * @param files      finished archive files, oldest first (deleted segments excluded)
 * @param stopReason why it stopped: {@code duration}, {@code stopped}, {@code low disk space}, or an error
 * @param error      a fatal error (one line) when the recording could not go on, else null
 * @param stats      the final counters
 */
public record RecordingResult(List<Path> files, String stopReason, String error, RecorderStats stats) {
    /** Copies the file list. */
    public RecordingResult {
        files = List.copyOf(files);
    }

    /** Whether the recording ended because of an error. */
    public boolean failed() {
        return error != null;
    }
}
