package io.omvcap.record;

import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Consumer;

/**
 * Keeps a long recording from filling the disk: below {@code --min-free-space} it stops (or, with
 * {@code delete-oldest}, deletes the oldest finished segments), and {@code --max-total-size} caps
 * a rolling capture by deleting the oldest segments. A cap without explicit rotation rotates at a
 * quarter of the cap so there are segments to delete.
 */
final class DiskGuard {
    private final StorageOptions options;

    DiskGuard(StorageOptions options) {
        this.options = options;
    }

    /** The size at which to rotate: the option, or a quarter of the total cap. */
    long effectiveRotateSize() {
        if (options.rotateSize() > 0) {
            return options.rotateSize();
        }
        return options.maxTotalSize() > 0 ? Math.max(1 << 20, options.maxTotalSize() / 4) : 0;
    }

    /** Whether the current segment alone is over the cap and must be rotated before deleting. */
    boolean needsRotation(Segments segments, long currentBytes) {
        return options.maxTotalSize() > 0 && segments.finished().isEmpty() && currentBytes > options.maxTotalSize();
    }

    /**
     * Applies the guards; returns why the recording must stop, or null to go on.
     */
    String check(Segments segments, long currentBytes, Consumer<String> log) {
        try {
            if (options.maxTotalSize() > 0) {
                while (segments.finishedBytes() + currentBytes > options.maxTotalSize() && segments.deleteOldest(log)) {
                    // deleted one
                }
            }
            if (options.minFreeSpace() > 0) {
                long free = Files.getFileStore(segments.dir()).getUsableSpace();
                while (free < options.minFreeSpace()) {
                    if (options.onLowSpace() != LowSpacePolicy.DELETE_OLDEST || !segments.deleteOldest(log)) {
                        return "low disk space (" + free / (1 << 20) + " MiB free, minimum "
                                + options.minFreeSpace() / (1 << 20) + " MiB)";
                    }
                    free = Files.getFileStore(segments.dir()).getUsableSpace();
                }
            }
            return null;
        } catch (IOException e) {
            log.accept("disk check failed: " + e.getMessage());
            return null;
        }
    }
}
