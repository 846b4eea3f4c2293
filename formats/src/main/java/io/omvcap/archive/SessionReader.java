package io.omvcap.archive;

import io.omvcap.mcap.Attachment;
import io.omvcap.mcap.AttachmentIndex;
import io.omvcap.mcap.Channel;
import io.omvcap.mcap.Header;
import io.omvcap.mcap.McapFormatException;
import io.omvcap.mcap.McapIndexedReader;
import io.omvcap.mcap.McapRecord;
import io.omvcap.mcap.McapStreamReader;
import io.omvcap.mcap.Message;
import io.omvcap.mcap.MessageCursor;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.mcap.Metadata;
import io.omvcap.mcap.MetadataIndex;
import io.omvcap.mcap.Schema;
import io.omvcap.mcap.Statistics;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * Reads a session archive (or any MCAP file). A finished file is opened through its summary, so
 * facts, totals and time/topic queries need no scan; a file without a summary (cut off, or written
 * elsewhere) is read front to back. Errors are {@link McapFormatException}s naming the offset.
 */
public final class SessionReader implements Closeable {
    private final Path file;
    private final long size;
    private final McapIndexedReader indexed;
    private final String unindexedReason;
    private Header header;
    private final Map<Integer, Channel> channels = new HashMap<>();
    private final Map<Integer, Schema> schemas = new HashMap<>();
    private final Map<String, Map<String, String>> metadata = new LinkedHashMap<>();
    private final List<AttachmentIndex> attachments = new ArrayList<>();

    private SessionReader(Path file, McapIndexedReader indexed, String unindexedReason) throws IOException {
        this.file = file;
        this.size = Files.size(file);
        this.indexed = indexed;
        this.unindexedReason = unindexedReason;
    }

    /** Opens {@code file}: through its summary when it has one, else for scanning. */
    public static SessionReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw Files.exists(file) ? new IOException(file + ": not a regular file")
                    : new java.nio.file.NoSuchFileException(file.toString());
        }
        McapIndexedReader idx = null;
        String reason = null;
        try {
            idx = McapIndexedReader.open(file);
            // chunks but no channels: the summary lost its channels, unless its statistics agree
            // that there are no messages (a file that only ever held schemas)
            if (idx.channels().isEmpty() && !idx.chunkIndexes().isEmpty()
                    && idx.statistics().map(s -> s.messageCount() > 0 || s.channelCount() > 0).orElse(true)) {
                idx.close();
                idx = null;
                reason = "the summary lists no channels";
            }
        } catch (McapFormatException e) {
            reason = e.getMessage();
        }
        SessionReader r = new SessionReader(file, idx, reason);
        if (idx != null) {
            r.loadFromSummary();
        } else {
            r.readHeaderOnly();
        }
        return r;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** File size in bytes. */
    public long fileSize() {
        return size;
    }

    /** Whether the file was opened through its summary. */
    public boolean indexed() {
        return indexed != null;
    }

    /** Why the summary could not be used, or {@code null} when it was. */
    public String unindexedReason() {
        return unindexedReason;
    }

    /** The MCAP header. */
    public Header header() {
        return header;
    }

    /** Whether the file is an omvcap session archive (profile {@code openmv}). */
    public boolean isSession() {
        return header != null && Topics.PROFILE.equals(header.profile());
    }

    /** The summary statistics, when indexed. */
    public Optional<Statistics> statistics() {
        return indexed == null ? Optional.empty() : indexed.statistics();
    }

    /** Chunk indexes (indexed files only; empty otherwise). */
    public List<io.omvcap.mcap.ChunkIndex> chunkIndexes() {
        return indexed == null ? List.of() : indexed.chunkIndexes();
    }

    /** Channels by id (from the summary, or those seen by a {@link #scan}). */
    public Map<Integer, Channel> channels() {
        return channels;
    }

    /**
     * The topics a pass can hand out, sorted: the stored channels' topics, plus {@code /packets}
     * where it is derived from layout-2 wire batches (from the summary, or those seen so far).
     */
    public SortedSet<String> topics() {
        SortedSet<String> topics = new TreeSet<>();
        for (Channel c : channels.values()) {
            topics.add(c.topic());
            if (Topics.isWire(c.topic()) && Topics.ENCODING_CBOR.equals(c.messageEncoding())) {
                topics.add(Topics.PACKETS);
            }
        }
        return topics;
    }

    /** Schemas by id (from the summary, or those seen by a {@link #scan}). */
    public Map<Integer, Schema> schemas() {
        return schemas;
    }

    /** The latest metadata record named {@code name}. */
    public Optional<Map<String, String>> metadata(String name) {
        return Optional.ofNullable(metadata.get(name));
    }

    /** Every metadata name seen, with its latest record. */
    public Map<String, Map<String, String>> allMetadata() {
        return metadata;
    }

    /** The session facts, when the file has them. */
    public Optional<SessionFacts> session() {
        return metadata(Topics.META_SESSION).map(SessionFacts::fromMetadata);
    }

    /** Totals stored when the file was finished. */
    public Optional<SessionTotals> storedTotals() {
        return metadata(Topics.META_TOTALS).map(SessionTotals::fromMetadata);
    }

    /** Attachment indexes (from the summary, or those seen by a {@link #scan}). */
    public List<AttachmentIndex> attachments() {
        return attachments;
    }

    /** Reads an attachment's bytes (indexed files only). */
    public Attachment readAttachment(AttachmentIndex index) throws IOException {
        if (indexed == null) {
            throw new IOException(file + ": attachments can only be read from a finished file");
        }
        return indexed.readAttachment(index);
    }

    /** The archive layout version: 2 for batched wire bytes with derived packets, 1 before. */
    public int formatVersion() {
        String v = metadata(Topics.META_SESSION).map(m -> m.get(Topics.META_FORMAT_VERSION)).orElse(null);
        try {
            return v == null ? 1 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * The result of a front-to-back scan.
     *
     * @param totals   the recomputed totals
     * @param device   the last device facts seen
     * @param damage   the error that ended the scan early, or {@code null}
     * @param messages stored MCAP messages read
     */
    public record ScanResult(SessionTotals totals, DeviceFacts device, McapFormatException damage, long messages) {
    }

    /**
     * Reads every record, recomputing the totals and collecting channels, metadata and
     * attachments. Damage ends the scan and is returned, not thrown, with everything before it.
     */
    public ScanResult scan(LongConsumer progress) throws IOException {
        TotalsScan scan = new TotalsScan();
        McapFormatException damage = null;
        SessionCursor c = openStream(MessageFilter.ALL, progress);
        try (c) {
            read(c, scan);
        } catch (McapFormatException e) {
            damage = e;
        }
        DeviceFacts device = scan.device;
        if (device == null) {
            device = metadata(Topics.META_DEVICE).map(SessionReader::deviceFromMetadata).orElse(null);
        }
        return new ScanResult(scan.totals, device, damage, c.storedMessages());
    }

    /** The device facts: the last {@code /device} message (indexed files) or {@code omvcap.device} metadata. */
    public Optional<DeviceFacts> device() throws IOException {
        if (indexed != null) {
            Integer id = topicId(Topics.DEVICE);
            if (id != null) {
                MessageCursor c = indexed.readMessages(MessageFilter.ALL.withTopics(Set.of(Topics.DEVICE)));
                Message m;
                Message last = null;
                while ((m = c.next()) != null) {
                    last = m;
                }
                if (last != null) {
                    return Optional.of(DeviceFacts.fromMap(ArchiveCodec.decode(Topics.ENCODING_JSON, last.data())));
                }
            }
        }
        return metadata(Topics.META_DEVICE).map(SessionReader::deviceFromMetadata);
    }

    /**
     * A pass over the session: transport chunks ({@code /wire/h2c}, {@code /wire/c2h}), packets
     * ({@code /packets}) and stored messages whose topics and times {@code filter} selects, in
     * log-time order for an indexed file and file order otherwise. Packets are derived from the
     * wire bytes in layout-2 archives; a time-ranged pass starts decoding up to two seconds
     * before the range so packets that straddle its start are found whole.
     */
    public SessionCursor cursor(MessageFilter filter) throws IOException {
        if (indexed == null) {
            return openStream(filter, null);
        }
        boolean packets = SessionCursor.wants(filter, Topics.PACKETS);
        Set<String> stored = null;
        if (filter.topics() != null) {
            stored = new HashSet<>(filter.topics());
            if (packets) {
                stored.add(Topics.WIRE_H2C);
                stored.add(Topics.WIRE_C2H);
            }
        }
        long start = filter.startTime();
        boolean wire = packets || SessionCursor.wants(filter, Topics.WIRE_H2C) || SessionCursor.wants(filter,
                Topics.WIRE_C2H);
        if (wire && start != 0) {
            start = Math.max(0, start - 2 * WireBatch.MAX_SPAN_NANOS);
        }
        MessageCursor c = indexed.readMessages(new MessageFilter(start, filter.endTime(), stored, filter.channelIds()));
        return new SessionCursor(new SessionCursor.Source() {
            @Override
            public Message next() throws IOException {
                return c.next();
            }

            @Override
            public void close() {
            }
        }, channels, schemas, filter);
    }

    /** Hands the whole pass of {@link #cursor} to {@code visitor}. */
    public void read(MessageFilter filter, SessionVisitor visitor) throws IOException {
        try (SessionCursor c = cursor(filter)) {
            read(c, visitor);
        }
    }

    private static void read(SessionCursor c, SessionVisitor visitor) throws IOException {
        for (SessionCursor.Kind k; (k = c.next()) != null; ) {
            switch (k) {
                case WIRE -> visitor.wire(c.wire());
                case PACKET -> visitor.packet(c.packet());
                case MESSAGE -> visitor.message(c.message());
                default -> throw new IllegalStateException(k.name());
            }
        }
    }

    /**
     * Messages matching {@code filter}, as {@link #cursor} orders them, each as an
     * {@link ArchivedMessage}: transport chunks as raw bytes on their wire topic and packets as
     * {@link PacketRecord} CBOR on {@code /packets} (the layout-1 form). Convenient; the cursor is
     * faster. Damage ends the sequence with a {@link McapFormatException}.
     */
    public MessageSource messages(MessageFilter filter) throws IOException {
        SessionCursor c = cursor(filter);
        return () -> {
            SessionCursor.Kind k = c.next();
            if (k == null) {
                c.close();
                return null;
            }
            return switch (k) {
                case WIRE -> new ArchivedMessage(Topics.wire(c.wire().dir()), Topics.ENCODING_RAW, "",
                        c.wire().logTime(), 0, c.wire().bytes());
                case PACKET -> new ArchivedMessage(Topics.PACKETS, Topics.ENCODING_CBOR, "", c.packet().logTime(), 0,
                        c.packet().toRecord().toCbor());
                case MESSAGE -> c.message();
            };
        };
    }

    /** A front-to-back pass that collects channels, schemas, metadata and attachments on the way. */
    private SessionCursor openStream(MessageFilter filter, LongConsumer progress) throws IOException {
        McapStreamReader r = McapStreamReader.open(file);
        return new SessionCursor(new SessionCursor.Source() {
            private long lastReport;

            @Override
            public Message next() throws IOException {
                McapRecord rec;
                while ((rec = r.next()) != null) {
                    if (progress != null && r.position() - lastReport > (1 << 22)) {
                        lastReport = r.position();
                        progress.accept(lastReport);
                    }
                    if (rec instanceof Message m) {
                        return m;
                    }
                    collect(rec);
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                r.close();
            }
        }, channels, schemas, filter);
    }

    @Override
    public void close() throws IOException {
        if (indexed != null) {
            indexed.close();
        }
    }

    private Integer topicId(String topic) {
        for (Channel c : channels.values()) {
            if (c.topic().equals(topic)) {
                return c.id();
            }
        }
        return null;
    }

    private void collect(McapRecord rec) {
        if (rec instanceof Header h) {
            header = h;
        } else if (rec instanceof Channel c) {
            channels.put(c.id(), c);
        } else if (rec instanceof Schema s) {
            schemas.put(s.id(), s);
        } else if (rec instanceof Metadata md) {
            metadata.put(md.name(), md.metadata());
        } else if (rec instanceof Attachment a && indexed == null) {
            attachments.add(new AttachmentIndex(-1, -1, a.logTime(), a.createTime(), a.data().length, a.name(),
                    a.mediaType()));
        }
    }

    private void loadFromSummary() throws IOException {
        header = indexed.header();
        channels.putAll(indexed.channels());
        schemas.putAll(indexed.schemas());
        attachments.addAll(indexed.attachmentIndexes());
        for (MetadataIndex mi : indexed.metadataIndexes()) {
            Metadata md = indexed.readMetadata(mi);
            metadata.put(md.name(), md.metadata());
        }
    }

    private void readHeaderOnly() throws IOException {
        try (McapStreamReader r = McapStreamReader.open(file)) {
            McapRecord first = r.next();
            if (first instanceof Header h) {
                header = h;
            }
        }
    }

    /** The facts of {@code omvcap.device} metadata, or null when it is damaged (see {@link MetadataProblems}). */
    private static DeviceFacts deviceFromMetadata(Map<String, String> md) {
        try {
            return DeviceFacts.fromMetadata(md);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
