package io.omvcap.archive;

import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running totals of a session: per-topic counts and bytes, and protocol health (invalid packets
 * by reason, NAKs by status, retransmits, resyncs, noise, reconnect gaps). The writer keeps one
 * while writing and stores it as {@code omvcap.totals} metadata; a reader rebuilds the same numbers
 * by scanning a file that lacks it.
 */
public final class SessionTotals {
    /** Most reconnect gaps kept individually. */
    public static final int MAX_GAPS = 100;

    // mutable counters on the per-message path (no allocation per message); the metadata record sorts them
    private final Map<String, TopicCounter> topics = new HashMap<>();
    private final long[] packetsByChannel = new long[256];
    private String lastTopic;
    private TopicCounter lastCounter;
    private final Map<String, Long> invalidByReason = new TreeMap<>();
    private final Map<String, Long> naksByStatus = new TreeMap<>();
    private final long[] wireBytes = new long[2];
    private final long[] packetBytes = new long[2];
    private long retransmits;
    private long resyncs;
    private long syncPackets;
    private long reconnects;
    private long errors;
    /** Every reconnect gap added up (the list keeps only the first {@link #MAX_GAPS}). */
    private long gapTotalNs;
    private final List<Map<String, Long>> gaps = new ArrayList<>();

    /**
     * Counts of one topic.
     *
     * @param messages  messages
     * @param bytes     message data bytes
     * @param firstTime first log time (epoch ns), 0 when none
     * @param lastTime  last log time (epoch ns)
     */
    public record TopicTotals(long messages, long bytes, long firstTime, long lastTime) {
    }

    /** A topic's running counts. */
    private static final class TopicCounter {
        long messages;
        long bytes;
        long firstTime;
        long lastTime;

        void add(long size, long logTime) {
            firstTime = messages == 0 ? logTime : Math.min(firstTime, logTime);
            lastTime = messages == 0 ? logTime : Math.max(lastTime, logTime);
            messages++;
            bytes += size;
        }

        TopicTotals snapshot() {
            return new TopicTotals(messages, bytes, firstTime, lastTime);
        }
    }

    // the per-packet and per-read topics, looked up once
    private final TopicCounter[] wireCounters = new TopicCounter[2];
    private TopicCounter packetCounter;

    /** Counts one transport read or write: its {@code /wire} topic and the direction's bytes. */
    public void wireChunk(Direction dir, long logTime, int size) {
        TopicCounter c = wireCounters[dir.ordinal()];
        if (c == null) {
            c = topics.computeIfAbsent(Topics.wire(dir), k -> new TopicCounter());
            wireCounters[dir.ordinal()] = c;
        }
        c.add(size, logTime);
        wireBytes[dir.ordinal()] += size;
    }

    /** Counts a message of {@code size} bytes on {@code topic}. */
    public void message(String topic, long logTime, long size) {
        TopicCounter c;
        if (topic == lastTopic) {
            c = lastCounter;
        } else {
            c = topics.computeIfAbsent(topic, k -> new TopicCounter());
            lastTopic = topic;
            lastCounter = c;
        }
        c.add(size, logTime);
    }

    /** Counts wire bytes of one direction. */
    public void wire(Direction dir, long bytes) {
        wireBytes[dir.ordinal()] += bytes;
    }

    /** Counts a packet: the {@code /packets} topic (its wire bytes) and protocol health. */
    public void packet(PacketView p) {
        if (packetCounter == null) {
            packetCounter = topics.computeIfAbsent(Topics.PACKETS, k -> new TopicCounter());
        }
        packetCounter.add(p.consumed(), p.logTime());
        packetBytes[p.dir().ordinal()] += p.consumed();
        if (!p.valid()) {
            invalidByReason.merge(p.reason().name(), 1L, Long::sum);
            return;
        }
        packetsByChannel[p.channel() & 0xFF]++;
        if (p.dir() == Direction.CAM_TO_HOST && Flag.RTX.isSet(p.flags())) {
            retransmits++;
        }
        if (p.dir() == Direction.CAM_TO_HOST && Flag.NAK.isSet(p.flags())) {
            int status = p.nakStatus();
            naksByStatus.merge(status < 0 ? "MALFORMED" : Status.nameOf(status), 1L, Long::sum);
        }
        if (p.dir() == Direction.HOST_TO_CAM && p.opcode() == Opcode.PROTO_SYNC.code() && !Flag.ACK.isSet(p.flags())) {
            syncPackets++;
        }
    }

    /** Counts a lifecycle event. */
    public void lifecycle(LifecycleEvent e, long logTime) {
        switch (e.kind()) {
            case RESYNC -> resyncs++;
            case ERROR -> errors++;
            case RECONNECT -> {
                reconnects++;
                long gap = e.extra().get("gap_ns") instanceof Number n ? Math.max(0, n.longValue()) : 0;
                gapTotalNs += gap;
                if (gaps.size() < MAX_GAPS) {
                    gaps.add(Map.of("at", logTime, "gap_ns", gap));
                }
            }
            default -> {
            }
        }
    }

    /** Per-topic totals, by topic name (a snapshot, in no particular order). */
    public Map<String, TopicTotals> topics() {
        Map<String, TopicTotals> m = new HashMap<>();
        topics.forEach((k, v) -> m.put(k, v.snapshot()));
        return m;
    }

    /** Totals of one topic, or null when it had no message. */
    public TopicTotals topic(String topic) {
        TopicCounter c = topics.get(topic);
        return c == null ? null : c.snapshot();
    }

    /** Valid packets per channel id, for the channels that had any, by id. */
    public Map<Integer, Long> packetsByChannel() {
        Map<Integer, Long> m = new TreeMap<>();
        for (int i = 0; i < packetsByChannel.length; i++) {
            if (packetsByChannel[i] != 0) {
                m.put(i, packetsByChannel[i]);
            }
        }
        return m;
    }

    /** Invalid packets by reason. */
    public Map<String, Long> invalidByReason() {
        return invalidByReason;
    }

    /** NAKs from the cam by status. */
    public Map<String, Long> naksByStatus() {
        return naksByStatus;
    }

    /** Retransmitted packets from the cam. */
    public long retransmits() {
        return retransmits;
    }

    /** Resyncs the recorder performed. */
    public long resyncs() {
        return resyncs;
    }

    /** PROTO_SYNC requests the host sent (connects included). */
    public long syncPackets() {
        return syncPackets;
    }

    /** Reconnects. */
    public long reconnects() {
        return reconnects;
    }

    /** Lifecycle errors. */
    public long errors() {
        return errors;
    }

    /** Every reconnect gap added up, in ns (not only the ones {@link #gaps()} lists). */
    public long gapTotalNs() {
        return gapTotalNs;
    }

    /** Reconnect gaps (the first {@link #MAX_GAPS}): {@code at} (epoch ns) and {@code gap_ns}. */
    public List<Map<String, Long>> gaps() {
        return gaps;
    }

    /** Bytes on the wire in {@code dir}. */
    public long wireBytes(Direction dir) {
        return wireBytes[dir.ordinal()];
    }

    /** Bytes in {@code dir} that were neither a packet nor an invalid packet's skipped bytes. */
    public long noiseBytes(Direction dir) {
        return Math.max(0, wireBytes[dir.ordinal()] - packetBytes[dir.ordinal()]);
    }

    /** The metadata record: every value JSON text. */
    public Map<String, String> toMetadata() {
        Map<String, String> md = new LinkedHashMap<>();
        Map<String, Object> t = new TreeMap<>();
        topics.forEach((k, v) -> t.put(k, List.of(v.messages, v.bytes, v.firstTime, v.lastTime)));
        md.put("topics", ArchiveCodec.jsonText(t));
        md.put("packets_by_channel", ArchiveCodec.jsonText(packetsByChannel()));
        md.put("invalid_by_reason", ArchiveCodec.jsonText(invalidByReason));
        md.put("naks_by_status", ArchiveCodec.jsonText(naksByStatus));
        md.put("wire_bytes", ArchiveCodec.jsonText(List.of(wireBytes[0], wireBytes[1])));
        md.put("packet_bytes", ArchiveCodec.jsonText(List.of(packetBytes[0], packetBytes[1])));
        md.put("retransmits", String.valueOf(retransmits));
        md.put("resyncs", String.valueOf(resyncs));
        md.put("sync_packets", String.valueOf(syncPackets));
        md.put("reconnects", String.valueOf(reconnects));
        md.put("errors", String.valueOf(errors));
        md.put("gaps", ArchiveCodec.jsonText(gaps));
        md.put("gap_total_ns", String.valueOf(gapTotalNs));
        return md;
    }

    /** Rebuilds totals from the metadata record; throws {@link ArchiveFormatException} if malformed. */
    @SuppressWarnings("unchecked")
    public static SessionTotals fromMetadata(Map<String, String> md) {
        SessionTotals s = new SessionTotals();
        try {
            Map<String, Object> t = (Map<String, Object>) ArchiveCodec.parseJson(md.getOrDefault("topics", "{}"));
            t.forEach((k, v) -> {
                List<Number> n = (List<Number>) v;
                TopicCounter c = new TopicCounter();
                c.messages = n.get(0).longValue();
                c.bytes = n.get(1).longValue();
                c.firstTime = n.get(2).longValue();
                c.lastTime = n.get(3).longValue();
                s.topics.put(k, c);
            });
            ((Map<String, Number>) ArchiveCodec.parseJson(md.getOrDefault("packets_by_channel", "{}")))
                    .forEach((k, v) -> s.packetsByChannel[Integer.parseInt(k) & 0xFF] = v.longValue());
            ((Map<String, Number>) ArchiveCodec.parseJson(md.getOrDefault("invalid_by_reason", "{}")))
                    .forEach((k, v) -> s.invalidByReason.put(k, v.longValue()));
            ((Map<String, Number>) ArchiveCodec.parseJson(md.getOrDefault("naks_by_status", "{}")))
                    .forEach((k, v) -> s.naksByStatus.put(k, v.longValue()));
            List<Number> wb = (List<Number>) ArchiveCodec.parseJson(md.getOrDefault("wire_bytes", "[0,0]"));
            List<Number> pb = (List<Number>) ArchiveCodec.parseJson(md.getOrDefault("packet_bytes", "[0,0]"));
            for (int i = 0; i < 2; i++) {
                s.wireBytes[i] = wb.get(i).longValue();
                s.packetBytes[i] = pb.get(i).longValue();
            }
            s.retransmits = Long.parseLong(md.getOrDefault("retransmits", "0"));
            s.resyncs = Long.parseLong(md.getOrDefault("resyncs", "0"));
            s.syncPackets = Long.parseLong(md.getOrDefault("sync_packets", "0"));
            s.reconnects = Long.parseLong(md.getOrDefault("reconnects", "0"));
            s.errors = Long.parseLong(md.getOrDefault("errors", "0"));
            for (Object g : (List<Object>) ArchiveCodec.parseJson(md.getOrDefault("gaps", "[]"))) {
                Map<String, Number> m = (Map<String, Number>) g;
                s.gaps.add(Map.of("at", m.get("at").longValue(), "gap_ns", m.get("gap_ns").longValue()));
            }
            // files written before the total was stored: the listed gaps are all there is
            s.gapTotalNs = md.containsKey("gap_total_ns") ? Long.parseLong(md.get("gap_total_ns"))
                    : s.gaps.stream().mapToLong(g -> g.get("gap_ns")).sum();
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException | NumberFormatException e) {
            throw new ArchiveFormatException("malformed omvcap.totals metadata: " + e.getMessage(), e);
        }
        return s;
    }
}
