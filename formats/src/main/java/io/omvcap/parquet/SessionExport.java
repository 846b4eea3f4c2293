package io.omvcap.parquet;

import io.omvcap.OmvcapVersion;
import io.omvcap.archive.ArchiveFormatException;
import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.ChannelData;
import io.omvcap.archive.ChannelTopic;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.EventRecord;
import io.omvcap.archive.FrameRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.PacketView;
import io.omvcap.archive.SessionCursor;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.Topics;
import io.omvcap.mcap.McapFormatException;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.wire.WireFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exports one session (one or more archive files, the segments of a rotated recording, in order)
 * into staged partitions, one pass per file; {@link #commit()} swaps them in. Asking only for the
 * stored topics the chosen tables need keeps wire decoding out unless {@code packets} is wanted.
 */
final class SessionExport implements AutoCloseable {
    /** Most damaged-record warnings reported one by one per file. */
    private static final int MAX_RECORD_WARNINGS = 5;

    private final OutputFolder folder;
    private final ExportOptions options;
    private final String sessionId;
    private final Progress progress;
    private final List<String> warnings;
    private final Map<String, TableOutput> outputs = new LinkedHashMap<>();
    private final ChannelNames names = new ChannelNames();
    private final PacketRows packets;
    private final ChannelRows reads;
    private final ChannelRows writes;
    private final ChannelRows.Frames frames;
    private final TelemetryRows telemetry;
    private final TextRows.Stdout stdout;
    private final TextRows.Events events;
    private final TextRows.Lifecycle lifecycle;
    private final SessionRows session;
    private final boolean frameFiles;
    private final Map<String, Route> routes = new HashMap<>();
    private final TelemetryScanner telemetryScanner = new TelemetryScanner();
    private DeviceFacts device;

    /** How a stored topic is handled. */
    private enum Kind { DEVICE, READ, WRITE, FRAME, TELEMETRY, STDOUT, EVENTS, LIFECYCLE, IGNORE }

    private record Route(Kind kind, String channel) {
    }

    /**
     * @param sources the input files of the session, for the footers
     * @param dataset the columns the dataset's other sessions have, per wide table
     */
    SessionExport(OutputFolder folder, ExportOptions options, String sessionId, List<Path> sources,
            Map<String, Map<String, ColumnType>> dataset, Progress progress, List<String> warnings)
            throws IOException {
        this.folder = folder;
        this.options = options;
        this.sessionId = sessionId;
        this.progress = progress;
        this.warnings = warnings;
        Map<String, String> md = new LinkedHashMap<>();
        md.put(TableOutput.META_SESSION, sessionId);
        md.put("omvcap.version", OmvcapVersion.get());
        md.put("omvcap.source_files", String.join(",", sources.stream().map(p -> p.getFileName().toString()).toList()));
        PartWriter.WriterSettings settings = new PartWriter.WriterSettings(options.compression(),
                options.rowGroupBytes(), ExportOptions.PAGE_BYTES);
        TableOpener open = table -> {
            TableOutput o = new TableOutput(folder.stage(table, sessionId), table, settings, md);
            outputs.put(table, o);
            return o;
        };
        try {
            packets = options.has(ExportTable.PACKETS)
                    ? new PacketRows(open.open("packets"), options.packetPayloads(), names) : null;
            reads = options.has(ExportTable.READS) ? new ChannelRows(open.open("reads"), Schemas.READS) : null;
            writes = options.has(ExportTable.WRITES) ? new ChannelRows(open.open("writes"), Schemas.WRITES) : null;
            frameFiles = options.has(ExportTable.FRAMES) && options.frames() == FrameMode.FILES;
            frames = options.has(ExportTable.FRAMES) ? new ChannelRows.Frames(open.open("frames"), options.frames(),
                    frameFiles ? folder.stage(OutputFolder.FRAME_FILES, sessionId) : null,
                    OutputFolder.FRAME_FILES + "/" + OutputFolder.PARTITION + sessionId) : null;
            boolean wantTelemetry = options.has(ExportTable.TELEMETRY) || options.has(ExportTable.WIDE);
            telemetry = wantTelemetry ? new TelemetryRows(options.has(ExportTable.TELEMETRY)
                    ? open.open("telemetry") : null, options.has(ExportTable.WIDE) ? open::open : null, dataset, names)
                    : null;
            stdout = options.has(ExportTable.STDOUT) ? new TextRows.Stdout(open.open("stdout")) : null;
            events = options.has(ExportTable.EVENTS) ? new TextRows.Events(open.open("events"), names) : null;
            lifecycle = options.has(ExportTable.LIFECYCLE) ? new TextRows.Lifecycle(open.open("lifecycle")) : null;
            session = options.has(ExportTable.SESSION) ? new SessionRows(open.open("session")) : null;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens a table's staged output. */
    private interface TableOpener extends TelemetryRows.WideOpener {
    }

    /** Exports one file of the session (segments in order). */
    void segment(SessionReader r) throws IOException {
        SessionRows.Counts counts = new SessionRows.Counts();
        long stdoutBefore = stdout == null ? 0 : stdout.lines();
        String damage = null;
        int recordErrors = 0;
        try {
            device = r.device().orElse(device);
        } catch (IOException | RuntimeException e) {
            // the pass meets the /device messages anyway
        }
        names.update(device);
        progress.startFile(r);
        try (SessionCursor c = r.cursor(filter(r))) {
            for (SessionCursor.Kind k; (k = c.next()) != null; ) {
                switch (k) {
                    case PACKET -> {
                        PacketView p = c.packet();
                        counts.time(p.logTime());
                        counts.packets++;
                        if (!p.valid()) {
                            counts.invalidPackets++;
                        }
                        if (packets != null) {
                            packets.add(p);
                        }
                        progress.at(p.logTime());
                    }
                    case MESSAGE -> {
                        ArchivedMessage m = c.message();
                        counts.time(m.logTime());
                        try {
                            message(m, counts);
                        } catch (ArchiveFormatException | WireFormatException | ClassCastException | NullPointerException
                                | IllegalArgumentException e) {
                            if (++recordErrors <= MAX_RECORD_WARNINGS) {
                                warnings.add(r.file() + ": skipped a damaged " + m.topic() + " record at "
                                        + m.logTime() + ": " + e.getMessage());
                            }
                        }
                        progress.at(m.logTime());
                    }
                    default -> {
                    }
                }
            }
            counts.messages = c.storedMessages();
        } catch (McapFormatException e) {
            damage = e.getMessage();
            warnings.add(r.file() + ": " + (r.indexed() ? "damaged" : "cut off") + " (" + e.getMessage()
                    + "); exported what came before it");
        }
        if (damage == null && !r.indexed()) {
            warnings.add(r.file() + ": not finished (no summary: " + r.unindexedReason()
                    + "); exported up to its last complete chunk");
        }
        if (recordErrors > MAX_RECORD_WARNINGS) {
            warnings.add(r.file() + ": skipped " + (recordErrors - MAX_RECORD_WARNINGS) + " more damaged records");
        }
        counts.packetsCounted = packets != null;
        counts.stdoutLines = stdout == null ? 0 : stdout.lines() - stdoutBefore;
        if (session != null) {
            session.add(r, device, counts, damage);
        }
        progress.endFile();
    }

    private void message(ArchivedMessage m, SessionRows.Counts counts) throws IOException {
        Route route = routes.computeIfAbsent(m.topic(), SessionExport::route);
        switch (route.kind()) {
            case DEVICE -> {
                device = DeviceFacts.fromMap(m.decodeMap());
                names.update(device);
            }
            case READ -> {
                if (reads != null) {
                    reads.add(m.logTime(), ChannelData.fromMap(m.decodeMap()));
                }
            }
            case WRITE -> {
                if (writes != null) {
                    writes.add(m.logTime(), ChannelData.fromMap(m.decodeMap()));
                }
            }
            case FRAME -> {
                counts.frames++;
                if (frames != null) {
                    frames.add(m.logTime(), FrameRecord.fromMap(m.decodeMap()));
                }
            }
            case TELEMETRY -> {
                counts.telemetryReads++;
                if (telemetry != null) {
                    telemetry.add(route.channel(), m.logTime(), telemetryScanner.decode(m.data()));
                }
            }
            case STDOUT -> {
                if (stdout != null && m.decodeMap().get("text") instanceof String text) {
                    stdout.add(m.logTime(), text);
                }
            }
            case EVENTS -> {
                counts.events++;
                if (events != null) {
                    events.add(m.logTime(), EventRecord.fromMap(m.decodeMap()));
                }
            }
            case LIFECYCLE -> {
                LifecycleEvent e = LifecycleEvent.fromMap(m.decodeMap());
                if (e.kind() == LifecycleKind.RECONNECT) {
                    counts.reconnects++;
                }
                if (lifecycle != null) {
                    lifecycle.add(m.logTime(), e);
                }
            }
            default -> {
            }
        }
    }

    private static Route route(String topic) {
        switch (topic) {
            case Topics.DEVICE:
                return new Route(Kind.DEVICE, null);
            case Topics.STDOUT:
                return new Route(Kind.STDOUT, null);
            case Topics.EVENTS:
                return new Route(Kind.EVENTS, null);
            case Topics.SESSION:
                return new Route(Kind.LIFECYCLE, null);
            default:
                break;
        }
        ChannelTopic kind = Topics.kindOf(topic);
        String channel = Topics.channelOf(topic);
        if (kind == null || channel == null) {
            return new Route(Kind.IGNORE, null);
        }
        return switch (kind) {
            case READ -> new Route(Kind.READ, channel);
            case WRITE -> new Route(Kind.WRITE, channel);
            case FRAME -> new Route(Kind.FRAME, channel);
            case TELEMETRY -> new Route(Kind.TELEMETRY, channel);
        };
    }

    /** The topics the chosen tables need (every topic for a file without a summary). */
    private MessageFilter filter(SessionReader r) {
        if (!r.indexed()) {
            return MessageFilter.ALL;
        }
        Set<String> topics = new HashSet<>();
        topics.add(Topics.DEVICE);
        if (packets != null || session != null) {
            // the session table counts packets only when they are exported or the totals are missing
            if (packets != null || r.storedTotals().isEmpty()) {
                topics.add(Topics.PACKETS);
            }
        }
        boolean counts = session != null; // the session table counts frames, reads, lines, events, reconnects
        for (String t : r.topics()) {
            boolean wanted = switch (route(t).kind()) {
                case READ -> reads != null;
                case WRITE -> writes != null;
                case FRAME -> frames != null || counts;
                case TELEMETRY -> telemetry != null || counts;
                case STDOUT -> stdout != null || counts;
                case EVENTS -> events != null || counts;
                case LIFECYCLE -> lifecycle != null || counts;
                default -> false;
            };
            if (wanted) {
                topics.add(t);
            }
        }
        return MessageFilter.ALL.withTopics(topics);
    }

    /** Finishes every file and swaps the staged partitions in; returns rows and bytes per table. */
    Map<String, ExportResult.TableTotals> commit() throws IOException {
        if (stdout != null) {
            stdout.finish();
        }
        if (frames != null) {
            frames.finish();
        }
        Map<String, ExportResult.TableTotals> totals = new LinkedHashMap<>();
        for (TableOutput o : outputs.values()) {
            o.finish();
        }
        for (TableOutput o : outputs.values()) {
            folder.commit(o.folder(), sessionId);
            totals.put(o.folder(), new ExportResult.TableTotals(o.rows(), o.bytes(), o.parts()));
        }
        if (frameFiles) {
            folder.commit(OutputFolder.FRAME_FILES, sessionId);
        }
        outputs.clear();
        return totals;
    }

    /** Rows written so far over all tables. */
    long rows() {
        long n = 0;
        for (TableOutput o : outputs.values()) {
            n += o.rows();
        }
        return n;
    }

    /** Abandons whatever was not committed. */
    @Override
    public void close() {
        for (TableOutput o : outputs.values()) {
            o.close();
            folder.discard(o.folder(), sessionId);
        }
        if (frameFiles) {
            folder.discard(OutputFolder.FRAME_FILES, sessionId);
        }
        outputs.clear();
    }
}
