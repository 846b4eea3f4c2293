package io.omvcap.mcap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;

/** In-memory helpers: read whole byte arrays with the readers. */
final class McapTestIo {
    private McapTestIo() {
    }

    static McapStreamReader streamReader(byte[] file) {
        return new McapStreamReader(new ByteArrayInputStream(file), file.length, McapReadOptions.DEFAULT);
    }

    /** Every record of {@code file}, chunks expanded. */
    static List<McapRecord> readAll(byte[] file) throws IOException {
        return readAll(file, McapReadOptions.DEFAULT);
    }

    static List<McapRecord> readAll(byte[] file, McapReadOptions options) throws IOException {
        List<McapRecord> out = new ArrayList<>();
        try (McapStreamReader r = new McapStreamReader(new ByteArrayInputStream(file), file.length, options)) {
            for (McapRecord rec; (rec = r.next()) != null; ) {
                out.add(rec);
            }
        }
        return out;
    }

    static List<Message> messages(List<McapRecord> records) {
        List<Message> out = new ArrayList<>();
        for (McapRecord r : records) {
            if (r instanceof Message m) {
                out.add(m);
            }
        }
        return out;
    }

    static McapIndexedReader indexed(byte[] file) throws IOException {
        return McapIndexedReader.open(new MemoryChannel(file), McapReadOptions.DEFAULT);
    }

    /** A read-only seekable channel over a byte array. */
    static final class MemoryChannel implements SeekableByteChannel {
        private final byte[] data;
        private long position;
        private boolean open = true;

        MemoryChannel(byte[] data) {
            this.data = data;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= data.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), data.length - position);
            dst.put(data, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
