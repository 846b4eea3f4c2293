package io.omvcap.record;

import io.omvcap.archive.LostChannels;
import io.omvcap.archive.SessionReader;
import io.omvcap.mcap.McapFormatException;
import io.omvcap.mcap.McapRecovery;
import io.omvcap.mcap.RecoveryReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * File naming of a recording: an output folder gets {@code omvcap-YYYYMMDD-HHMMSS.mcap}, a file
 * name is used as given; later segments get {@code -001}, {@code -002}… A segment is written as
 * {@code NAME.mcap.part} and renamed when finished, so an unfinished file is never mistaken for a
 * finished one; leftovers from a crash are recovered on the next start.
 */
final class Segments {
    static final String PART = ".part";
    private static final String EXT = ".mcap";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;
    private final String base;
    private final List<Path> finished = new ArrayList<>();
    private int next;

    private Segments(Path dir, String base) {
        this.dir = dir;
        this.base = base;
    }

    /** The naming for {@code out}: a folder (existing, or ending in '/') or a file name. */
    static Segments forOutput(Path out, LocalDateTime now) throws IOException {
        boolean folder = Files.isDirectory(out) || out.toString().endsWith("/") || !out.toString().endsWith(EXT);
        if (folder) {
            Files.createDirectories(out);
            return new Segments(out, "omvcap-" + STAMP.format(now));
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String name = out.getFileName().toString();
        return new Segments(parent, name.substring(0, name.length() - EXT.length()));
    }

    /** The folder files are written to. */
    Path dir() {
        return dir;
    }

    /** The final name of the next segment (does not reserve it). */
    Path nextFinalName() {
        Path p = dir.resolve(base + (next == 0 ? "" : String.format("-%03d", next)) + EXT);
        while (Files.exists(p) || Files.exists(part(p))) {
            next++;
            p = dir.resolve(base + String.format("-%03d", next) + EXT);
        }
        return p;
    }

    /** Reserves the next segment; returns its final name (write to {@link #part(Path)} of it). */
    Path allocate() {
        Path p = nextFinalName();
        next++;
        return p;
    }

    /** The in-progress name of a final name. */
    static Path part(Path finalName) {
        return finalName.resolveSibling(finalName.getFileName() + PART);
    }

    /** Renames a finished segment's part file to its final name. */
    void finish(Path finalName) throws IOException {
        Files.move(part(finalName), finalName, StandardCopyOption.ATOMIC_MOVE);
        finished.add(finalName);
    }

    /** Finished segments of this recording, oldest first. */
    List<Path> finished() {
        return finished;
    }

    /** Bytes in the finished segments that still exist. */
    long finishedBytes() {
        long n = 0;
        for (Path p : finished) {
            try {
                n += Files.size(p);
            } catch (IOException e) {
                // deleted meanwhile: counts as nothing
            }
        }
        return n;
    }

    /** Deletes the oldest finished segment; false when there is none. */
    boolean deleteOldest(Consumer<String> log) throws IOException {
        if (finished.isEmpty()) {
            return false;
        }
        Path oldest = finished.remove(0);
        Files.deleteIfExists(oldest);
        log.accept("deleted oldest segment " + oldest.getFileName() + " to make room");
        return true;
    }

    /**
     * Recovers {@code *.mcap.part} leftovers in {@code dir} (a crash or power loss) into finished
     * files; each outcome is logged. Returns the recovered files.
     */
    static List<Path> recoverLeftovers(Path dir, Consumer<String> log) throws IOException {
        List<Path> recovered = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return recovered;
        }
        List<Path> parts;
        try (Stream<Path> s = Files.list(dir)) {
            parts = s.filter(p -> p.getFileName().toString().endsWith(EXT + PART)).sorted(Comparator.naturalOrder())
                    .toList();
        }
        for (Path part : parts) {
            String name = part.getFileName().toString();
            if (LiveSegment.inUse(part)) {
                log.accept("left " + name + " alone: another recording is writing it");
                continue;
            }
            Path target = part.resolveSibling(name.substring(0, name.length() - PART.length()));
            if (Files.exists(target)) {
                target = part.resolveSibling(name.substring(0, name.length() - PART.length() - EXT.length())
                        + "-recovered" + EXT);
            }
            Path tmp = target.resolveSibling(target.getFileName() + ".recovering");
            try {
                RecoveryReport r = McapRecovery.recover(part, tmp, new LostChannels());
                try (SessionReader check = SessionReader.open(tmp)) {
                    if (!check.indexed() || check.scan(null).damage() != null) {
                        throw new IOException("recovered copy does not read back");
                    }
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                Files.delete(part);
                recovered.add(target);
                log.accept("recovered leftover " + name + " -> " + target.getFileName() + ": " + r.summary());
            } catch (McapFormatException e) {
                Files.deleteIfExists(tmp);
                log.accept("leftover " + name + " has nothing recoverable (" + e.getMessage() + "); left in place");
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                log.accept("could not recover leftover " + name + ": " + e.getMessage() + "; left in place");
            }
        }
        return recovered;
    }
}
