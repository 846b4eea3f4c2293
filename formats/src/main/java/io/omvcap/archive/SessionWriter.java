package io.omvcap.archive;

import io.omvcap.mcap.Attachment;
import io.omvcap.mcap.McapWriter;
import io.omvcap.wire.Direction;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes one session archive in the layout of {@code docs/archive-format.md} (layout 2). Callers
 * hand over {@link System#nanoTime()} readings; the writer turns them into epoch nanoseconds with
 * the session clock. Transport bytes are collected per direction into batched {@code /wire}
 * messages; packets are not stored but followed by a decoder that feeds the totals, exactly as a
 * reader derives them. Chunks are closed at a quiet point (right after a channel message, so a
 * read's bytes and its decoded copy share a chunk and the compressor stores them once) once they
 * are nearly full or old, and unconditionally at the age limit. Thread-safe: the recorder's
 * reader thread, its request thread and a timer may all write.
 */
public final class SessionWriter implements Closeable {
    private final McapWriter mcap;
    private final SessionClock clock;
    private final Path file;
    private final Map<String, Integer> topicIds = new HashMap<>();
    private final ChannelClassifier classifier = new ChannelClassifier();
    private final SessionTotals totals = new SessionTotals();
    private final WireStreams streams;
    private final WireBatchWriter[] batches = {new WireBatchWriter(), new WireBatchWriter()};
    private final long[] lastWireTime = new long[2];
    private final long maxAgeNanos;
    private final long quietAgeNanos;
    private final int quietSize;
    /** {@link System#nanoTime()} when the oldest data not yet in a closed chunk arrived; -1 when none. */
    private long pendingSince = -1;
    private DeviceFacts lastDevice;
    private boolean closed;

    private SessionWriter(McapWriter mcap, SessionClock clock, Path file, WireStreams streams,
            SessionWriterOptions options) {
        this.mcap = mcap;
        this.clock = clock;
        this.file = file;
        this.streams = streams;
        this.maxAgeNanos = options.chunkMaxAge().toNanos();
        this.quietAgeNanos = maxAgeNanos * 9 / 10;
        this.quietSize = options.chunkSize() / 4 * 3;
    }

    /** Creates {@code file} (truncating it) for a new session and writes the header and the session metadata. */
    public static SessionWriter create(Path file, SessionWriterOptions options, SessionFacts facts) throws IOException {
        return create(file, options, facts, new WireStreams());
    }

    /**
     * Creates {@code file} for the next segment of a session whose previous segment's writer
     * handed over {@code streams} ({@link #streams()}): stream offsets, connection numbers and a
     * packet cut by the rotation continue in this file.
     */
    public static SessionWriter create(Path file, SessionWriterOptions options, SessionFacts facts,
            WireStreams streams) throws IOException {
        McapWriter mcap = McapWriter.builder()
                .profile(Topics.PROFILE)
                .library(options.library())
                .compression(options.compression())
                .chunkSize(options.chunkSize())
                .chunkMaxAge(Duration.ZERO) // the age limit is applied here, with the wire batches
                .fsyncPolicy(options.fsync())
                .open(file);
        streams.newSegment();
        SessionWriter w = new SessionWriter(mcap, facts.clock(), file, streams, options);
        mcap.writeMetadata(Topics.META_SESSION, facts.toMetadata());
        return w;
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    /** The session clock. */
    public SessionClock clock() {
        return clock;
    }

    /** The session's byte streams, to hand to the next segment's writer. */
    public synchronized WireStreams streams() {
        return streams;
    }

    /** Bytes written to the file so far (closed chunks and top-level records). */
    public synchronized long position() {
        return mcap.position();
    }

    /** Bytes transported in one direction, exactly as they crossed the link. */
    public synchronized void wire(Direction dir, long nanoTime, byte[] buf, int off, int len) throws IOException {
        if (len <= 0) {
            return;
        }
        ageCheck();
        int d = dir.ordinal();
        long t = Math.max(clock.toEpochNanos(nanoTime), lastWireTime[d]);
        lastWireTime[d] = t;
        WireBatchWriter batch = batches[d];
        if (!batch.isEmpty() && !batch.spans(t)) {
            writeBatch(dir);
        }
        if (batch.isEmpty()) {
            batch.start(t, streams.connection(), streams.offset(dir), streams.crc(), streams.maxPayload(),
                    streams.takeCarry(dir));
            pending();
        }
        batch.add(t, buf, off, len);
        streams.feed(dir, t, buf, off, len, totals, batch);
        totals.wireChunk(dir, t, len);
        if (batch.size() >= WireBatchWriter.FLUSH_BYTES) {
            writeBatch(dir);
        }
    }

    /**
     * A new link to the cam: the byte streams restart at offset 0 and the packet decoders afresh
     * (call before the first byte of the link).
     */
    public synchronized void connection() throws IOException {
        writeBatches();
        streams.newConnection();
    }

    /**
     * The framing in force on the link from now on (CRC checking as negotiated by caps, and the
     * largest payload the decoders accept); readers derive the packets of later bytes with it.
     */
    public synchronized void framing(boolean crc, int maxPayload) throws IOException {
        if (crc != streams.crc() || maxPayload != streams.maxPayload()) {
            writeBatches();
            streams.setFraming(crc, maxPayload);
        }
    }

    /**
     * A completed channel read: routed to {@code /stdout}, a frame, telemetry or plain read topic
     * by {@link ChannelClassifier}.
     */
    public synchronized void read(long nanoTime, ChannelData read) throws IOException {
        switch (classifier.classify(read.channelId(), read.channel(), read.data())) {
            case STDOUT -> stdout(nanoTime, new String(read.data(), StandardCharsets.UTF_8));
            case STREAM_FRAME -> {
                FrameRecord f = FrameRecord.fromStreamRead(read.channelId(), read.channel(), read.data());
                if (f != null) {
                    frame(nanoTime, f);
                } else {
                    data(Topics.channel(read.channel(), ChannelTopic.READ), nanoTime, read.toCbor());
                }
            }
            case IMAGE -> frame(nanoTime, FrameRecord.fromEncodedImage(read.channelId(), read.channel(), read.data()));
            case TELEMETRY -> data(Topics.channel(read.channel(), ChannelTopic.TELEMETRY), nanoTime, read.data());
            default -> data(Topics.channel(read.channel(), ChannelTopic.READ), nanoTime, read.toCbor());
        }
    }

    /** A completed host write (chunks joined). */
    public synchronized void write(long nanoTime, ChannelData write) throws IOException {
        data(Topics.channel(write.channel(), ChannelTopic.WRITE), nanoTime, write.toCbor());
    }

    /** A frame. */
    public synchronized void frame(long nanoTime, FrameRecord frame) throws IOException {
        data(Topics.channel(frame.channel(), ChannelTopic.FRAME), nanoTime, frame.toCbor());
    }

    /** Script output text. */
    public synchronized void stdout(long nanoTime, String text) throws IOException {
        json(Topics.STDOUT, "omvcap.Stdout", JsonSchemas.stdout(), nanoTime, Map.of("text", text));
        quietPoint();
    }

    /** An event from the cam. */
    public synchronized void event(long nanoTime, EventRecord event) throws IOException {
        json(Topics.EVENTS, "omvcap.Event", JsonSchemas.event(), nanoTime, event.toMap());
    }

    /**
     * Device facts: a {@code /device} message and an {@code omvcap.device} metadata record, when
     * they differ from the facts this file last recorded (the channel classification restarts
     * either way, as after a re-list).
     */
    public synchronized void device(long nanoTime, DeviceFacts facts) throws IOException {
        classifier.reset();
        if (facts.equals(lastDevice)) {
            return;
        }
        lastDevice = facts;
        json(Topics.DEVICE, "omvcap.Device", JsonSchemas.device(), nanoTime, facts.toMap());
        mcap.writeMetadata(Topics.META_DEVICE, facts.toMetadata());
    }

    /** A lifecycle event. */
    public synchronized void lifecycle(long nanoTime, LifecycleEvent event) throws IOException {
        json(Topics.SESSION, "omvcap.Lifecycle", JsonSchemas.lifecycle(), nanoTime, event.toMap());
        totals.lifecycle(event, clock.toEpochNanos(nanoTime));
    }

    /** A recorder heartbeat. */
    public synchronized void stats(long nanoTime, Map<String, ?> counters) throws IOException {
        json(Topics.STATS, "omvcap.RecorderStats", JsonSchemas.stats(), nanoTime, counters);
    }

    /** Attaches the cam script that was executed. */
    public synchronized void attachScript(long nanoTime, String name, byte[] script) throws IOException {
        long t = clock.toEpochNanos(nanoTime);
        mcap.writeAttachment(new Attachment(t, t, name, "text/x-python", script));
    }

    /** Closes the open chunk if its oldest data reached the age limit (call from a timer). */
    public synchronized boolean flushIfDue() throws IOException {
        if (closed) {
            return false;
        }
        if (pendingSince >= 0 && System.nanoTime() - pendingSince >= maxAgeNanos) {
            flushAll();
            return true;
        }
        return mcap.flushIfDue(); // fsync when its interval is due
    }

    /** Closes the open chunk now. */
    public synchronized void flush() throws IOException {
        if (!closed) {
            flushAll();
        }
    }

    /** The totals so far. */
    public synchronized SessionTotals totals() {
        return totals;
    }

    /**
     * Finishes the file: wire batches, totals metadata, last chunk, summary, footer. After a write
     * error (full disk) the file is still finished after its last complete chunk where possible;
     * this throws only when even that fails.
     */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                writeBatches();
                mcap.writeMetadata(Topics.META_TOTALS, totals.toMetadata());
            } catch (IOException e) {
                // a failed writer (full disk) finishes without totals; readers recount by scanning
            }
            mcap.close();
        }
    }

    /** A decoded channel message: written, counted, and a chance to close the chunk at a quiet point. */
    private void data(String topic, long nanoTime, byte[] data) throws IOException {
        ageCheck();
        int id = topic(topic, Topics.ENCODING_CBOR, null, null);
        long t = clock.toEpochNanos(nanoTime);
        pending();
        mcap.writeMessage(id, -1, t, t, data, 0, data.length);
        totals.message(topic, t, data.length);
        quietPoint();
    }

    private void json(String topic, String schemaName, byte[] schema, long nanoTime, Map<String, ?> map)
            throws IOException {
        ageCheck();
        int id = topic(topic, Topics.ENCODING_JSON, schemaName, schema);
        byte[] data = ArchiveCodec.json(map);
        long t = clock.toEpochNanos(nanoTime);
        pending();
        mcap.writeMessage(id, -1, t, t, data, 0, data.length);
        totals.message(topic, t, data.length);
    }

    private int topic(String topic, String encoding, String schemaName, byte[] schema) throws IOException {
        Integer id = topicIds.get(topic);
        if (id == null) {
            int schemaId = schema == null ? 0 : mcap.registerSchema(schemaName, JsonSchemas.ENCODING, schema);
            id = mcap.registerChannel(topic, encoding, schemaId, Map.of());
            topicIds.put(topic, id);
        }
        return id;
    }

    private void pending() {
        if (pendingSince < 0) {
            pendingSince = System.nanoTime();
        }
    }

    /** The age limit, checked on every write: the oldest pending data never waits longer. */
    private void ageCheck() throws IOException {
        if (pendingSince >= 0 && System.nanoTime() - pendingSince >= maxAgeNanos) {
            flushAll();
        }
    }

    /** Right after a channel message: close the chunk if it is nearly full or nearly old. */
    private void quietPoint() throws IOException {
        long buffered = (long) mcap.openChunkSize() + batches[0].size() + batches[1].size();
        if (buffered >= quietSize || pendingSince >= 0 && System.nanoTime() - pendingSince >= quietAgeNanos) {
            flushAll();
        }
    }

    private void flushAll() throws IOException {
        writeBatches();
        mcap.flush();
        pendingSince = -1;
    }

    private void writeBatches() throws IOException {
        writeBatch(Direction.HOST_TO_CAM);
        writeBatch(Direction.CAM_TO_HOST);
    }

    private void writeBatch(Direction dir) throws IOException {
        WireBatchWriter batch = batches[dir.ordinal()];
        if (batch.isEmpty()) {
            return;
        }
        int id = topic(Topics.wire(dir), Topics.ENCODING_CBOR, null, null);
        long t = batch.firstTime();
        CborWriter message = batch.encode();
        mcap.writeMessage(id, -1, t, t, message.array(), 0, message.size());
    }
}
