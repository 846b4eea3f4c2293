package io.omvcap.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk mid-recording: the writer salvages a valid file up to its last complete chunk. */
class DiskFullTest {
    @Test
    void aFullDiskLeavesAValidFileWithEveryCompleteChunk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("full.mcap");
        long limit = 600_000;
        FileChannel real = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
        McapWriter w = McapWriter.builder().profile("openmv").library("test").compression(Compression.NONE)
                .chunkSize(64 * 1024).chunkMaxAge(Duration.ZERO).open(new FullDisk(real, limit));
        int channel = w.registerChannel("/data", "application/octet-stream", 0, Map.of());
        byte[] payload = new byte[1000];
        new Random(1).nextBytes(payload);
        long written = 0;
        IOException full = null;
        for (int i = 0; i < 2000 && full == null; i++) {
            try {
                w.writeMessage(channel, i, payload);
                written++;
            } catch (IOException e) {
                full = e;
            }
        }
        assertTrue(full != null && full.getMessage().contains("No space left"), "the disk filled up");
        w.close(); // salvages
        try (McapIndexedReader r = McapIndexedReader.open(file)) {
            long messages = r.statistics().orElseThrow().messageCount();
            long readable = 0;
            MessageCursor c = r.readMessages(MessageFilter.ALL);
            while (c.next() != null) {
                readable++;
            }
            assertTrue(readable > 400, "complete chunks survive: " + readable + " of " + written);
            assertTrue(readable <= written);
            assertTrue(messages >= readable);
        }
        try (McapStreamReader s = McapStreamReader.open(file)) {
            while (s.next() != null) {
                // every record reads, CRCs validated
            }
        }
        assertEquals(0, McapRecovery.recover(file, dir.resolve("copy.mcap")).chunksDropped());
    }

    @Test
    void aStreamThatFailsCannotBeSalvagedAndSaysSo() throws Exception {
        java.io.OutputStream broken = new java.io.OutputStream() {
            private long n;

            @Override
            public void write(int b) throws IOException {
                if (++n > 5000) {
                    throw new IOException("No space left on device");
                }
            }
        };
        McapWriter w = McapWriter.builder().compression(Compression.NONE).chunkSize(1024).open(broken);
        int channel = w.registerChannel("/x", "raw", 0, Map.of());
        assertThrows(IOException.class, () -> {
            for (int i = 0; i < 100; i++) {
                w.writeMessage(channel, i, new byte[200]);
            }
        });
        IOException e = assertThrows(IOException.class, w::close);
        assertTrue(e.getMessage().startsWith("cannot finish the file after a write error"), e.getMessage());
    }

    /** A file channel on a disk with {@code limit} bytes: writes beyond it fail after a partial write. */
    private static final class FullDisk extends FileChannel {
        private final FileChannel d;
        private final long limit;

        FullDisk(FileChannel d, long limit) {
            this.d = d;
            this.limit = limit;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            long room = limit - d.position();
            if (src.remaining() > room) {
                if (room > 0) {
                    ByteBuffer part = src.duplicate();
                    part.limit(part.position() + (int) room);
                    d.write(part);
                }
                throw new IOException("No space left on device");
            }
            return d.write(src);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return d.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return d.read(dsts, offset, length);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return d.position();
        }

        @Override
        public FileChannel position(long p) throws IOException {
            d.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return d.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            d.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            d.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return d.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return d.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return d.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return d.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return d.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            d.close();
        }
    }
}
