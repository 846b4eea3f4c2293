package io.omvcap.archive;

import io.omvcap.mcap.Attachment;
import io.omvcap.mcap.McapWriter;
import io.omvcap.wire.Direction;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes one session archive in the layout of {@code docs/archive-format.md}. Callers hand over
 * {@link System#nanoTime()} readings; the writer turns them into epoch nanoseconds with the
 * session clock. Channels and schemas are registered on first use. Thread-safe: the recorder's
 * reader thread, its request thread and a timer may all write.
 */
public final class SessionWriter implements Closeable {
    private final McapWriter mcap;
    private final SessionClock clock;
    private final Path file;
    private final Map<String, Integer> topicIds = new HashMap<>();
    private final long[] wireSequence = new long[2];
    private final ChannelClassifier classifier = new ChannelClassifier();
    private final SessionTotals totals = new SessionTotals();
    private boolean closed;

    private SessionWriter(McapWriter mcap, SessionClock clock, Path file) {
        this.mcap = mcap;
        this.clock = clock;
        this.file = file;
    }

    /** Creates {@code file} (truncating it) and writes the header and the session metadata. */
    public static SessionWriter create(Path file, SessionWriterOptions options, SessionFacts facts) throws IOException {
        McapWriter mcap = McapWriter.builder()
                .profile(Topics.PROFILE)
                .library(options.library())
                .compression(options.compression())
                .chunkSize(options.chunkSize())
                .chunkMaxAge(options.chunkMaxAge())
                .fsyncPolicy(options.fsync())
                .open(file);
        SessionWriter w = new SessionWriter(mcap, facts.clock(), file);
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

    /** Bytes written to the file so far (closed chunks and top-level records). */
    public synchronized long position() {
        return mcap.position();
    }

    /** Bytes transported in one direction, exactly as they crossed the link. */
    public synchronized void wire(Direction dir, long nanoTime, byte[] buf, int off, int len) throws IOException {
        int id = topic(Topics.wire(dir), Topics.ENCODING_RAW, null, null);
        long seq = wireSequence[dir.ordinal()]++;
        long t = clock.toEpochNanos(nanoTime);
        mcap.writeMessage(id, seq & 0xFFFFFFFFL, t, t, buf, off, len);
        totals.message(Topics.wire(dir), t, len);
        totals.wire(dir, len);
    }

    /** One framed packet, valid or not. */
    public synchronized void packet(long nanoTime, PacketRecord packet) throws IOException {
        cbor(Topics.PACKETS, nanoTime, packet.toCbor());
        totals.packet(packet);
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
                    cbor(Topics.channel(read.channel(), ChannelTopic.READ), nanoTime, read.toCbor());
                }
            }
            case IMAGE -> frame(nanoTime, FrameRecord.fromEncodedImage(read.channelId(), read.channel(), read.data()));
            case TELEMETRY -> {
                String topic = Topics.channel(read.channel(), ChannelTopic.TELEMETRY);
                int id = topic(topic, Topics.ENCODING_CBOR, null, null);
                long t = clock.toEpochNanos(nanoTime);
                mcap.writeMessage(id, -1, t, t, read.data(), 0, read.data().length);
                totals.message(topic, t, read.data().length);
            }
            default -> cbor(Topics.channel(read.channel(), ChannelTopic.READ), nanoTime, read.toCbor());
        }
    }

    /** A completed host write (chunks joined). */
    public synchronized void write(long nanoTime, ChannelData write) throws IOException {
        cbor(Topics.channel(write.channel(), ChannelTopic.WRITE), nanoTime, write.toCbor());
    }

    /** A frame. */
    public synchronized void frame(long nanoTime, FrameRecord frame) throws IOException {
        cbor(Topics.channel(frame.channel(), ChannelTopic.FRAME), nanoTime, frame.toCbor());
    }

    /** Script output text. */
    public synchronized void stdout(long nanoTime, String text) throws IOException {
        json(Topics.STDOUT, "omvcap.Stdout", JsonSchemas.stdout(), nanoTime, Map.of("text", text));
    }

    /** An event from the cam. */
    public synchronized void event(long nanoTime, EventRecord event) throws IOException {
        json(Topics.EVENTS, "omvcap.Event", JsonSchemas.event(), nanoTime, event.toMap());
    }

    /** Device facts: a {@code /device} message and an {@code omvcap.device} metadata record. */
    public synchronized void device(long nanoTime, DeviceFacts facts) throws IOException {
        classifier.reset();
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

    /** Closes the open chunk if it is older than the age limit (call from a timer). */
    public synchronized boolean flushIfDue() throws IOException {
        return !closed && mcap.flushIfDue();
    }

    /** Closes the open chunk now. */
    public synchronized void flush() throws IOException {
        if (!closed) {
            mcap.flush();
        }
    }

    /** The totals so far. */
    public synchronized SessionTotals totals() {
        return totals;
    }

    /**
     * Finishes the file: totals metadata, last chunk, summary, footer. After a write error (full
     * disk) the file is still finished after its last complete chunk where possible; this throws
     * only when even that fails.
     */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                mcap.writeMetadata(Topics.META_TOTALS, totals.toMetadata());
            } catch (IOException e) {
                // a failed writer (full disk) finishes without totals; readers recount by scanning
            }
            mcap.close();
        }
    }

    private void cbor(String topic, long nanoTime, byte[] data) throws IOException {
        int id = topic(topic, Topics.ENCODING_CBOR, null, null);
        long t = clock.toEpochNanos(nanoTime);
        mcap.writeMessage(id, -1, t, t, data, 0, data.length);
        totals.message(topic, t, data.length);
    }

    private void json(String topic, String schemaName, byte[] schema, long nanoTime, Map<String, ?> map)
            throws IOException {
        int id = topic(topic, Topics.ENCODING_JSON, schemaName, schema);
        byte[] data = ArchiveCodec.json(map);
        long t = clock.toEpochNanos(nanoTime);
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
}
