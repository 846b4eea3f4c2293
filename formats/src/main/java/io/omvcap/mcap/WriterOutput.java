package io.omvcap.mcap;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/**
 * Where a writer's bytes go: a {@link FileChannel} or an {@link OutputStream}. Keeps the file
 * position and a running CRC-32 of everything written since the last {@link #resetCrc()}, and
 * hands each write to the OS immediately (streams are flushed), keeping nothing in user space.
 * A pending thread interrupt is held back during channel I/O (and restored after), because an
 * interrupted thread touching a {@link FileChannel} closes it and the file could not be finished.
 */
final class WriterOutput implements Closeable {
    private final FileChannel channel;
    private final OutputStream stream;
    private final CRC32 crc = new CRC32();
    private long position;

    WriterOutput(FileChannel channel) throws IOException {
        if (channel.position() != 0) {
            throw new IllegalArgumentException("MCAP output must start at file position 0, not " + channel.position());
        }
        this.channel = channel;
        this.stream = null;
    }

    WriterOutput(OutputStream stream) {
        this.channel = null;
        this.stream = stream;
    }

    long position() {
        return position;
    }

    void write(ByteSink sink) throws IOException {
        write(sink.array(), 0, sink.size());
    }

    void write(byte[] b, int off, int len) throws IOException {
        crc.update(b, off, len);
        if (channel != null) {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            withoutPendingInterrupt(() -> {
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            });
        } else {
            stream.write(b, off, len);
            stream.flush();
        }
        position += len;
    }

    /**
     * Cuts a file channel back to the end of the last complete write (dropping a torn one);
     * returns false for streams, which cannot be cut.
     */
    boolean truncateToPosition() {
        if (channel == null) {
            return false;
        }
        try {
            withoutPendingInterrupt(() -> {
                channel.truncate(position);
                channel.position(position);
            });
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** CRC-32 of the bytes written since the last reset (or the start). */
    long crc() {
        return crc.getValue();
    }

    void resetCrc() {
        crc.reset();
    }

    /** Forces written bytes to the storage device where that is possible. */
    void sync() throws IOException {
        if (channel != null) {
            withoutPendingInterrupt(() -> channel.force(false));
        } else if (stream instanceof FileOutputStream fos) {
            fos.getFD().sync();
        }
    }

    private interface ChannelIo {
        void run() throws IOException;
    }

    private static void withoutPendingInterrupt(ChannelIo io) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            io.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        } else {
            stream.close();
        }
    }
}
