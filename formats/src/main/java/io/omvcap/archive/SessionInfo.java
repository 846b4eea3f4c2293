package io.omvcap.archive;

import io.omvcap.mcap.AttachmentIndex;
import io.omvcap.mcap.Channel;
import io.omvcap.mcap.ChunkIndex;
import io.omvcap.mcap.Statistics;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.wire.ChannelFlag;
import io.omvcap.wire.Direction;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * Everything {@code omvcap info} reports about an archive, gathered from the summary and stored
 * totals when present, from a scan otherwise. Works for any MCAP file (generic view when the
 * profile is not {@code openmv}).
 *
 * @param overview    file, header, time span, counts, compression
 * @param session     session facts, or null
 * @param device      device facts, or null
 * @param totals      per-topic totals and protocol health
 * @param fromScan    whether {@code totals} came from a scan (rather than stored metadata)
 * @param damage      what ended a scan early, or null
 * @param attachments attachment names, media types and sizes
 * @param warnings    damaged metadata that was skipped, one line each
 */
public record SessionInfo(Map<String, Object> overview, SessionFacts session, DeviceFacts device,
        SessionTotals totals, boolean fromScan, String damage, List<Map<String, Object>> attachments,
        List<String> warnings) {

    /**
     * Gathers the info. A finished file is summarised from its summary (and, for omvcap sessions,
     * the stored totals) without reading the data; it is scanned when it has no summary, when an
     * omvcap session lacks its totals (a recovered file), or when {@code forceScan}.
     */
    public static SessionInfo of(SessionReader r, boolean forceScan, LongConsumer progress) throws IOException {
        SessionTotals totals = null;
        if (!forceScan) {
            try {
                totals = r.storedTotals().orElse(null);
            } catch (ArchiveFormatException e) {
                totals = null; // damaged metadata: recount by scanning
            }
        }
        DeviceFacts device = null;
        String damage = null;
        boolean fromScan = forceScan || !r.indexed() || (totals == null && r.isSession());
        long scannedMessages = -1;
        if (fromScan) {
            SessionReader.ScanResult scan = r.scan(progress);
            totals = scan.totals();
            device = scan.device();
            damage = scan.damage() == null ? null : scan.damage().getMessage();
            scannedMessages = scan.messages();
        } else if (totals == null) {
            totals = new SessionTotals(); // a foreign file: counts come from the summary statistics
        }
        if (device == null) {
            try {
                device = r.device().orElse(null);
            } catch (RuntimeException e) {
                device = null; // undecodable device facts: shown as unknown
            }
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", r.file().toString());
        o.put("file_bytes", r.fileSize());
        o.put("profile", r.header() == null ? "" : r.header().profile());
        o.put("library", r.header() == null ? "" : r.header().library());
        o.put("indexed", r.indexed());
        if (!r.indexed()) {
            o.put("unindexed_reason", r.unindexedReason());
        }
        long start = Long.MAX_VALUE;
        long end = 0;
        for (SessionTotals.TopicTotals t : totals.topics().values()) {
            if (t.messages() == 0) {
                continue;
            }
            start = Math.min(start, t.firstTime());
            end = Math.max(end, t.lastTime());
        }
        Statistics stats = r.statistics().orElse(null);
        if (stats != null && stats.messageCount() > 0) {
            start = stats.messageStartTime();
            end = stats.messageEndTime();
        }
        long messages = stats != null ? stats.messageCount()
                : scannedMessages >= 0 ? scannedMessages
                : totals.topics().values().stream().mapToLong(SessionTotals.TopicTotals::messages).sum();
        if (start == Long.MAX_VALUE) {
            start = 0;
        }
        o.put("start_ns", start);
        o.put("end_ns", end);
        o.put("start_utc", messages > 0 ? instant(start) : null);
        o.put("end_utc", messages > 0 ? instant(end) : null);
        o.put("duration_s", messages > 0 ? (end - start) / 1e9 : 0.0);
        o.put("messages", messages);
        long compressed = 0;
        long uncompressed = 0;
        TreeSet<String> compressions = new TreeSet<>();
        for (ChunkIndex ci : r.chunkIndexes()) {
            compressed += ci.compressedSize();
            uncompressed += ci.uncompressedSize();
            compressions.add(ci.compression().isEmpty() ? "none" : ci.compression());
        }
        o.put("chunks", r.chunkIndexes().size());
        o.put("compression", String.join(",", compressions));
        o.put("compression_ratio", compressed > 0 ? Math.round(100.0 * uncompressed / compressed) / 100.0 : null);
        double seconds = messages > 0 ? (end - start) / 1e9 : 0;
        o.put("topics", topicRows(r, totals, stats, seconds));
        if (device != null) {
            o.put("device_channels", channelRows(device, totals, seconds));
        }
        o.put("health", r.isSession() || fromScan ? health(totals) : null);
        List<Map<String, Object>> atts = new ArrayList<>();
        for (AttachmentIndex a : r.attachments()) {
            atts.add(Map.of("name", a.name(), "media_type", a.mediaType(), "bytes", a.dataSize()));
        }
        List<String> warnings = MetadataProblems.of(r);
        return new SessionInfo(o, r.session().orElse(null), device, totals, fromScan, damage, atts, warnings);
    }

    /** Everything as one JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(overview);
        if (session != null) {
            Map<String, Object> s = new LinkedHashMap<>(session.toMetadata());
            m.put("session", s);
        }
        if (device != null) {
            m.put("device", device.toMap());
        }
        m.put("totals_from_scan", fromScan);
        m.put("damage", damage);
        m.put("warnings", warnings);
        m.put("attachments", attachments);
        return m;
    }

    /** Least messages for a rate to mean something; fewer (a /device or two) show none. */
    static final int MIN_MESSAGES_FOR_RATE = 5;

    /** Messages per second over the whole session, or null for a handful of messages or no duration. */
    static Double rate(long messages, double sessionSeconds) {
        if (messages < MIN_MESSAGES_FOR_RATE || sessionSeconds <= 0) {
            return null;
        }
        return Math.round(messages / sessionSeconds * 100) / 100.0;
    }

    private static List<Map<String, Object>> topicRows(SessionReader r, SessionTotals totals, Statistics stats,
            double seconds) {
        Map<String, Map<String, Object>> rows = new java.util.TreeMap<>();
        for (Channel ch : r.channels().values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", ch.topic());
            row.put("encoding", ch.messageEncoding());
            long count = stats != null ? stats.channelMessageCounts().getOrDefault(ch.id(), 0L) : 0;
            SessionTotals.TopicTotals t = totals.topic(ch.topic());
            row.put("messages", t != null ? t.messages() : count);
            row.put("bytes", t != null ? t.bytes() : null);
            row.put("rate_hz", rate(t != null ? t.messages() : count, seconds));
            rows.merge(ch.topic(), row, (a, b) -> a);
        }
        totals.topics().forEach((topic, t) -> rows.computeIfAbsent(topic, k -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", topic);
            row.put("encoding", Topics.PACKETS.equals(topic) ? "(derived from /wire)" : "");
            row.put("messages", t.messages());
            row.put("bytes", t.bytes());
            row.put("rate_hz", rate(t.messages(), seconds));
            return row;
        }));
        return new ArrayList<>(rows.values());
    }

    private static List<Map<String, Object>> channelRows(DeviceFacts device, SessionTotals totals, double seconds) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<Integer, Long> packets = totals.packetsByChannel();
        for (ChannelEntry e : device.channels()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", e.id());
            row.put("name", e.name());
            row.put("flags", ChannelFlag.describe(e.flags()));
            row.put("packets", packets.getOrDefault(e.id(), 0L));
            for (ChannelTopic kind : ChannelTopic.values()) {
                SessionTotals.TopicTotals t = totals.topic(Topics.channel(e.name(), kind));
                if (t != null) {
                    row.put(kind.suffix() + "_messages", t.messages());
                    row.put(kind.suffix() + "_bytes", t.bytes());
                    row.put(kind.suffix() + "_rate_hz", rate(t.messages(), seconds));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> health(SessionTotals t) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("invalid_by_reason", t.invalidByReason());
        h.put("naks_by_status", t.naksByStatus());
        h.put("retransmits", t.retransmits());
        h.put("resyncs", t.resyncs());
        h.put("sync_packets", t.syncPackets());
        h.put("noise_bytes_h2c", t.noiseBytes(Direction.HOST_TO_CAM));
        h.put("noise_bytes_c2h", t.noiseBytes(Direction.CAM_TO_HOST));
        h.put("wire_bytes_h2c", t.wireBytes(Direction.HOST_TO_CAM));
        h.put("wire_bytes_c2h", t.wireBytes(Direction.CAM_TO_HOST));
        h.put("reconnects", t.reconnects());
        h.put("errors", t.errors());
        h.put("disconnect_gaps", t.gaps());
        h.put("disconnect_gap_total_s", t.gapTotalNs() / 1e9);
        return h;
    }

    private static String instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L))
                .toString();
    }
}
