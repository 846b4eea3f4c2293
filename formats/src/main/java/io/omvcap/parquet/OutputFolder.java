package io.omvcap.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The dataset folder of an export: {@code OUT/<table>/session=<id>/part-NNNNN.parquet}. A new
 * partition is written into a hidden staging folder ({@code .staging-session=<id>}) that
 * replaces the session's previous partition only when the whole session is written, so readers
 * never see a half-written session and a failed export leaves the old one in place. A marker file
 * says the folder is an omvcap dataset; a lock keeps two exports from writing it at once.
 */
final class OutputFolder implements AutoCloseable {
    /** Marker file of a dataset folder (ignored by engines: it starts with '_' and is not Parquet). */
    static final String MARKER = "_omvcap_dataset";
    /** Partition folder prefix (hive style). */
    static final String PARTITION = "session=";
    /** The folder for image files of {@code --frames files}. */
    static final String FRAME_FILES = "frame_files";
    private static final String LOCK = ".omvcap-export.lock";
    private static final String STAGING = ".staging-";
    private static final String OLD = ".old-";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private OutputFolder(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (or creates) the dataset folder {@code out}. An existing folder must be empty or a
     * dataset written by omvcap, unless {@code force}.
     *
     * @throws ExportException when the folder cannot be used
     */
    static OutputFolder open(Path out, boolean force) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ExportException(out + ": exists and is not a folder");
        }
        if (Files.isDirectory(out) && !Files.exists(out.resolve(MARKER)) && !isEmpty(out) && !force) {
            throw new ExportException(out + ": exists and is not an omvcap Parquet dataset (not empty; --force writes"
                    + " into it anyway)");
        }
        Files.createDirectories(out);
        FileChannel ch = FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new ExportException(out + ": another export is writing to this folder");
        }
        OutputFolder f = new OutputFolder(out, ch, l);
        Files.writeString(out.resolve(MARKER), "omvcap Parquet dataset: OUT/<table>/session=<id>/part-NNNNN.parquet;"
                + " see docs/parquet-schema.md\n");
        f.removeLeftovers();
        return f;
    }

    /** The dataset folder. */
    Path root() {
        return root;
    }

    /** A fresh, empty staging folder for {@code sessionId}'s partition of {@code folder}. */
    Path stage(String folder, String sessionId) throws IOException {
        Path dir = root.resolve(folder).resolve(STAGING + PARTITION + sessionId);
        deleteTree(dir);
        Files.createDirectories(dir);
        return dir;
    }

    /** The partition folder of {@code sessionId} in {@code folder}. */
    Path partition(String folder, String sessionId) {
        return root.resolve(folder).resolve(PARTITION + sessionId);
    }

    /** Makes a staged partition the session's partition, replacing the previous one. */
    void commit(String folder, String sessionId) throws IOException {
        Path staged = root.resolve(folder).resolve(STAGING + PARTITION + sessionId);
        Path target = partition(folder, sessionId);
        Path old = root.resolve(folder).resolve(OLD + PARTITION + sessionId);
        deleteTree(old);
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    /** Drops a staged partition (after an error). */
    void discard(String folder, String sessionId) {
        try {
            deleteTree(root.resolve(folder).resolve(STAGING + PARTITION + sessionId));
        } catch (IOException e) {
            // hidden folder: engines ignore it and the next export removes it
        }
    }

    /** The table folders present, by name. */
    List<String> tableFolders() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") && !n.startsWith("_") && !n.equals(FRAME_FILES)) {
                    names.add(n);
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** The finished part files of {@code folder}, partition by partition, in name order. */
    List<Path> partFiles(String folder) throws IOException {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.getFileName().toString().endsWith(".parquet")
                    && p.getParent().getFileName().toString().startsWith(PARTITION)).sorted().toList();
        }
    }

    /** Removes staging and replaced folders a killed export left behind (we hold the lock). */
    private void removeLeftovers() throws IOException {
        try (Stream<Path> s = Files.walk(root, 2)) {
            for (Path p : s.filter(p -> !p.equals(root)).toList()) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) && (n.startsWith(STAGING) || n.startsWith(OLD))) {
                    deleteTree(p);
                }
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Deletes a file tree, if present. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() throws IOException {
        // the lock file stays: deleting it could let two later exports lock different files
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
