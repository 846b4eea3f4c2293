package io.omvcap.record;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@code .part} file a recorder is writing, claimed so that no other recorder takes it for a
 * crash leftover and "recovers" it from under the live recording (two recorders sharing an output
 * folder): an exclusive OS file lock for other processes, and a registry for recorders in this
 * one (where opening and closing another channel on the file would drop the process's lock).
 */
final class LiveSegment implements Closeable {
    private static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();

    private final Path part;
    private final FileChannel channel;
    private final FileLock lock;

    private LiveSegment(Path part, FileChannel channel, FileLock lock) {
        this.part = part;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates (or opens) {@code part} and claims it; fails when another recorder holds it. */
    static LiveSegment claim(Path part) throws IOException {
        Path key = part.toAbsolutePath().normalize();
        if (!CLAIMED.add(key)) {
            throw new IOException(part + " is being written by another recording in this process");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException(part + " is being written by another recording");
            }
            return new LiveSegment(key, channel, lock);
        } catch (IOException | RuntimeException e) {
            CLAIMED.remove(key);
            if (channel != null) {
                channel.close();
            }
            throw e;
        }
    }

    /** Whether a recorder, here or in another process, is writing {@code part}. */
    static boolean inUse(Path part) {
        if (CLAIMED.contains(part.toAbsolutePath().normalize())) {
            return true;
        }
        try (FileChannel c = FileChannel.open(part, StandardOpenOption.READ)) {
            FileLock probe = c.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false; // unreadable: recovery will say why
        }
    }

    /** Releases the claim (after the segment was finished and renamed, or given up). */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } finally {
            CLAIMED.remove(part);
        }
    }
}
