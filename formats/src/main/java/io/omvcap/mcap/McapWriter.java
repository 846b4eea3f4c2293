package io.omvcap.mcap;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;

/**
 * Writes an indexed, chunked MCAP file: magic, Header, Schema/Channel/Message records in chunks
 * (zstd, lz4 or none) each followed by its MessageIndex records, Attachments and Metadata at top
 * level, DataEnd with the data-section CRC, a summary (schemas, channels, statistics, chunk,
 * attachment and metadata indexes) with SummaryOffsets, and a Footer with the summary CRC.
 *
 * <p>A chunk is closed when it reaches the configured size, when a write finds it older than the
 * configured age, on {@link #flushIfDue()} (for a caller's timer when no messages arrive), and on
 * {@link #flush()}. A closed chunk goes straight to the OS, so a killed process loses at most the
 * open chunk; {@link McapRecovery} turns such a file into a finished one. Memory is bounded by the
 * chunk size. All methods synchronise on the writer, so a timer thread may call
 * {@link #flushIfDue()} while another thread writes. After an I/O error the writer refuses
 * further writes.
 */
public final class McapWriter implements Closeable, Flushable {
    private static final int MAX_ID = 0xFFFF;

    private final WriterOutput out;
    private final LongSupplier clock;
    private final int chunkSize;
    private final long chunkMaxAgeNanos;
    private final FsyncPolicy fsyncPolicy;
    private final long fsyncIntervalNanos;
    private final ChunkBuilder chunk;
    private final ChunkCompressor compressor;
    private final SummaryCollector summary = new SummaryCollector();
    private final ByteSink staging;
    private Compression compression;
    private long[] sequences = new long[16];
    private long lastSyncNanos;
    private boolean unsyncedData;
    private boolean closed;
    private IOException failure;

    /** A builder with defaults: zstd, 1 MiB / 1 s chunks, fsync at most once a second. */
    public static McapWriterBuilder builder() {
        return new McapWriterBuilder();
    }

    McapWriter(McapWriterBuilder b, WriterOutput out) throws IOException {
        this.out = out;
        this.clock = b.clock;
        this.chunkSize = b.chunkSize;
        this.chunkMaxAgeNanos = b.chunkMaxAgeNanos;
        this.fsyncPolicy = b.fsyncPolicy;
        this.fsyncIntervalNanos = b.fsyncIntervalNanos;
        this.compression = b.compression;
        this.chunk = new ChunkBuilder(Math.min(b.chunkSize, 64 * 1024));
        this.compressor = new ChunkCompressor(b.zstdLevel);
        this.staging = new ByteSink(64 * 1024);
        this.lastSyncNanos = clock.getAsLong();
        staging.putBytes(Mcap.magic());
        RecordEncoder.encode(new Header(b.profile, b.library), staging);
        write(staging);
    }

    /** Registers a schema under the next free id (or returns the id of an identical one). */
    public synchronized int registerSchema(String name, String encoding, byte[] data) throws IOException {
        for (Schema s : summary.schemas().values()) {
            if (s.name().equals(name) && s.encoding().equals(encoding) && Arrays.equals(s.data(), data)) {
                return s.id();
            }
        }
        int id = nextId(summary.schemas(), 1);
        addSchema(new Schema(id, name, encoding, data));
        return id;
    }

    /** Adds a schema with its own id (1–65535); adding an identical schema again does nothing. */
    public synchronized void addSchema(Schema schema) throws IOException {
        if (schema.id() < 1 || schema.id() > MAX_ID) {
            throw new IllegalArgumentException("schema id out of range 1..65535: " + schema.id());
        }
        Schema existing = summary.schema(schema.id());
        if (existing != null) {
            if (!existing.equals(schema)) {
                throw new IllegalArgumentException("schema id " + schema.id() + " already used by " + existing);
            }
            return;
        }
        checkWritable();
        summary.addSchema(schema);
        chunk.addRecord(schema, clock.getAsLong());
    }

    /** Registers a channel under the next free id (or returns the id of an identical one). */
    public synchronized int registerChannel(String topic, String messageEncoding, int schemaId,
                                            Map<String, String> metadata) throws IOException {
        for (Channel c : summary.channels().values()) {
            if (c.topic().equals(topic) && c.messageEncoding().equals(messageEncoding) && c.schemaId() == schemaId
                    && c.metadata().equals(metadata)) {
                return c.id();
            }
        }
        int id = nextId(summary.channels(), 1);
        addChannel(new Channel(id, schemaId, topic, messageEncoding, metadata));
        return id;
    }

    /** Adds a channel with its own id (0–65535); its schema (unless 0) must have been added. */
    public synchronized void addChannel(Channel channel) throws IOException {
        if (channel.id() < 0 || channel.id() > MAX_ID) {
            throw new IllegalArgumentException("channel id out of range 0..65535: " + channel.id());
        }
        if (channel.schemaId() != 0 && summary.schema(channel.schemaId()) == null) {
            throw new IllegalArgumentException("channel " + channel.id() + " refers to unknown schema " + channel.schemaId());
        }
        Channel existing = summary.channel(channel.id());
        if (existing != null) {
            if (!existing.equals(channel)) {
                throw new IllegalArgumentException("channel id " + channel.id() + " already used by " + existing);
            }
            return;
        }
        checkWritable();
        summary.addChannel(channel);
        chunk.addRecord(channel, clock.getAsLong());
    }

    /** The schema with this id, or null. */
    public synchronized Schema schema(int schemaId) {
        return summary.schema(schemaId);
    }

    /** The highest schema id not yet used (for a schema added without one). */
    public synchronized int freeSchemaId() {
        for (int id = MAX_ID; id >= 1; id--) {
            if (summary.schema(id) == null) {
                return id;
            }
        }
        throw new IllegalStateException("all 65535 schema ids are in use");
    }

    /** Whether a channel with this id has been added. */
    public synchronized boolean hasChannel(int channelId) {
        return summary.channel(channelId) != null;
    }

    /** Writes a message with the channel's next sequence number and publish time = log time. */
    public void writeMessage(int channelId, long logTime, byte[] data) throws IOException {
        writeMessage(channelId, -1, logTime, logTime, data, 0, data.length);
    }

    /** Writes {@code message} as given. */
    public void writeMessage(Message m) throws IOException {
        writeMessage(m.channelId(), m.sequence(), m.logTime(), m.publishTime(), m.data(), 0, m.data().length);
    }

    /**
     * Writes a message into the open chunk, closing the chunk first if it is older than the
     * maximum age and afterwards if it has reached the chunk size.
     *
     * @param sequence uint32 sequence number, or -1 for the channel's next one
     */
    public synchronized void writeMessage(int channelId, long sequence, long logTime, long publishTime, byte[] data,
                                          int off, int len) throws IOException {
        checkWritable();
        if (summary.channel(channelId) == null) {
            throw new IllegalArgumentException("unknown channel " + channelId);
        }
        if (channelId >= sequences.length) {
            sequences = Arrays.copyOf(sequences, Math.max(channelId + 1, sequences.length * 2));
        }
        long seq = sequence < 0 ? sequences[channelId] : sequence;
        sequences[channelId] = (seq + 1) & 0xFFFFFFFFL;
        long now = clock.getAsLong();
        if (chunkMaxAgeNanos > 0 && !chunk.isEmpty() && now - chunk.openedAtNanos() >= chunkMaxAgeNanos) {
            closeChunk(now);
        }
        chunk.addMessage(channelId, seq & 0xFFFFFFFFL, logTime, publishTime, data, off, len, now);
        summary.countMessage(channelId, logTime);
        if (chunk.size() >= chunkSize) {
            closeChunk(now);
        }
    }

    /** Writes an attachment at top level (its CRC is computed here). */
    public synchronized void writeAttachment(Attachment attachment) throws IOException {
        checkWritable();
        long offset = out.position();
        staging.reset();
        int length = RecordEncoder.encode(attachment, staging);
        write(staging);
        summary.addAttachmentIndex(new AttachmentIndex(offset, length, attachment.logTime(), attachment.createTime(),
                attachment.data().length, attachment.name(), attachment.mediaType()));
    }

    /** Writes a Metadata record at top level. */
    public synchronized void writeMetadata(Metadata metadata) throws IOException {
        checkWritable();
        long offset = out.position();
        staging.reset();
        int length = RecordEncoder.encode(metadata, staging);
        write(staging);
        summary.addMetadataIndex(new MetadataIndex(offset, length, metadata.name()));
    }

    /** Writes a Metadata record named {@code name}. */
    public void writeMetadata(String name, Map<String, String> pairs) throws IOException {
        writeMetadata(new Metadata(name, pairs));
    }

    /** Compression for chunks closed from now on. */
    public synchronized void setCompression(Compression compression) {
        this.compression = compression;
    }

    /** Closes the open chunk (if any) and hands it to the OS; fsyncs as the policy says. */
    @Override
    public synchronized void flush() throws IOException {
        checkWritable();
        closeChunk(clock.getAsLong());
    }

    /** {@link #flushIfDue(long)} with the writer's clock. */
    public synchronized boolean flushIfDue() throws IOException {
        return flushIfDue(clock.getAsLong());
    }

    /**
     * For a caller's timer: closes the open chunk if it is at least the maximum age old at
     * {@code nowNanos} (writer clock), and fsyncs if the policy's interval is due. Returns whether
     * a chunk was closed.
     */
    public synchronized boolean flushIfDue(long nowNanos) throws IOException {
        if (closed || failure != null) {
            return false;
        }
        boolean due = chunkMaxAgeNanos > 0 && !chunk.isEmpty() && nowNanos - chunk.openedAtNanos() >= chunkMaxAgeNanos;
        if (due) {
            closeChunk(nowNanos);
        } else {
            maybeSync(nowNanos, false);
        }
        return due;
    }

    /** Closes the open chunk and fsyncs now, whatever the policy. */
    public synchronized void sync() throws IOException {
        flush();
        guarded(out::sync);
        unsyncedData = false;
        lastSyncNanos = clock.getAsLong();
    }

    /** Counts so far (the Statistics record the summary would get now). */
    public synchronized Statistics statistics() {
        return summary.statistics();
    }

    /** Bytes handed to the output so far. */
    public synchronized long position() {
        return out.position();
    }

    /** Uncompressed bytes in the open chunk. */
    public synchronized int openChunkSize() {
        return chunk.size();
    }

    /**
     * Finishes the file (last chunk, DataEnd, summary, footer, magic), fsyncs unless the policy is
     * {@link FsyncPolicy#OFF}, and closes the output.
     *
     * <p>After an earlier I/O error (a full disk) on a file channel it salvages the file: cuts off
     * the torn write, and finishes the file after the last complete record, so it stays a valid
     * MCAP file that lacks only the open chunk (DataEnd then carries CRC 0, "not computed", since
     * the running CRC saw the torn bytes). If even that fails, the file is left for
     * {@link McapRecovery} and the error is thrown.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out; compressor) {
            boolean salvage = failure != null;
            if (salvage) {
                if (!out.truncateToPosition()) {
                    throw new IOException("cannot finish the file after a write error: " + describe(failure), failure);
                }
                failure = null;
                chunk.reset();
                summary.dropOpenChunk();
            } else {
                closeChunk(clock.getAsLong());
            }
            staging.reset();
            RecordEncoder.encode(new DataEnd(salvage ? 0 : out.crc()), staging);
            write(staging);
            long summaryStart = out.position();
            out.resetCrc();
            long summaryOffsetStart = summary.write(out, staging);
            staging.reset();
            staging.putU8(Opcode.FOOTER.code());
            staging.putU64(Mcap.FOOTER_CONTENT_LENGTH);
            staging.putU64(summaryStart);
            staging.putU64(summaryOffsetStart);
            write(staging);
            staging.reset();
            staging.putU32(out.crc());
            staging.putBytes(Mcap.magic());
            write(staging);
            if (fsyncPolicy != FsyncPolicy.OFF) {
                guarded(out::sync);
            }
        }
    }

    private void closeChunk(long nowNanos) throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        long chunkStart = out.position();
        ByteSink records = chunk.records();
        int uncompressed = records.size();
        CRC32 crc = new CRC32();
        crc.update(records.array(), 0, uncompressed);
        staging.reset();
        int lengthAt = staging.beginRecord(Opcode.CHUNK.code());
        staging.putU64(chunk.startTime());
        staging.putU64(chunk.endTime());
        staging.putU64(uncompressed);
        staging.putU32(crc.getValue());
        staging.putString(compression.wireName());
        int recordsLengthAt = staging.size();
        staging.putU64(0);
        int recordsStart = staging.size();
        compressor.compress(compression, records.array(), 0, uncompressed, staging);
        long compressedSize = staging.size() - recordsStart;
        staging.setU64(recordsLengthAt, compressedSize);
        staging.endRecord(lengthAt);
        long chunkLength = staging.size();
        Map<Integer, Long> indexOffsets = new LinkedHashMap<>();
        chunk.writeIndexes(staging, chunkStart, indexOffsets);
        long indexLength = staging.size() - chunkLength;
        write(staging);
        summary.addChunkIndex(new ChunkIndex(chunk.startTime(), chunk.endTime(), chunkStart, chunkLength, indexOffsets,
                indexLength, compression.wireName(), compressedSize, uncompressed));
        summary.commitChunk();
        chunk.reset();
        maybeSync(nowNanos, fsyncPolicy == FsyncPolicy.PER_CHUNK);
    }

    private void maybeSync(long nowNanos, boolean force) throws IOException {
        if (!unsyncedData || fsyncPolicy == FsyncPolicy.OFF) {
            return;
        }
        if (force || (fsyncPolicy == FsyncPolicy.INTERVAL && nowNanos - lastSyncNanos >= fsyncIntervalNanos)) {
            guarded(out::sync);
            unsyncedData = false;
            lastSyncNanos = nowNanos;
        }
    }

    private void write(ByteSink sink) throws IOException {
        guarded(() -> out.write(sink));
        unsyncedData = true;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void guarded(IoAction action) throws IOException {
        try {
            action.run();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void checkWritable() throws IOException {
        if (closed) {
            throw new IOException("writer is closed");
        }
        if (failure != null) {
            throw new IOException("writer failed earlier: " + describe(failure), failure);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static int nextId(Map<Integer, ?> used, int first) {
        for (int id = first; id <= MAX_ID; id++) {
            if (!used.containsKey(id)) {
                return id;
            }
        }
        throw new IllegalStateException("all 65535 ids are in use");
    }
}
