package io.omvcap.cli.commands;

import io.omvcap.wire.InvalidPacket;
import io.omvcap.wire.Noise;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.ValidPacket;
import io.omvcap.wire.WireEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Totals over a decoded byte stream, for {@code omvcap decode --stats}. */
final class DecodeStats {
    private long bytes;
    private long packets;
    private long payloadBytes;
    private final Map<String, Long> byOpcode = new TreeMap<>();
    private final Map<Integer, Long> byChannel = new TreeMap<>();
    private final Map<String, Long> invalidByReason = new TreeMap<>();
    private long noiseBytes;
    private long noiseRuns;

    void add(WireEvent e) {
        bytes += e.consumed();
        if (e instanceof ValidPacket v) {
            packets++;
            payloadBytes += v.packet().length();
            byOpcode.merge(Opcode.nameOf(v.packet().opcode()), 1L, Long::sum);
            byChannel.merge(v.packet().channel(), 1L, Long::sum);
        } else if (e instanceof InvalidPacket i) {
            invalidByReason.merge(i.reason().name(), 1L, Long::sum);
        } else if (e instanceof Noise n) {
            noiseBytes += n.length();
            noiseRuns++;
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bytes", bytes);
        m.put("packets", packets);
        m.put("payload_bytes", payloadBytes);
        m.put("packets_by_opcode", byOpcode);
        Map<String, Long> ch = new LinkedHashMap<>();
        byChannel.forEach((k, v) -> ch.put(String.valueOf(k), v));
        m.put("packets_by_channel", ch);
        m.put("invalid_by_reason", invalidByReason);
        m.put("invalid", invalidByReason.values().stream().mapToLong(Long::longValue).sum());
        m.put("noise_bytes", noiseBytes);
        m.put("noise_runs", noiseRuns);
        return m;
    }

    String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("bytes          %,d%n", bytes));
        sb.append(String.format("packets        %,d (%,d payload bytes)%n", packets, payloadBytes));
        byOpcode.forEach((k, v) -> sb.append(String.format("  %-16s %,d%n", k, v)));
        sb.append("by channel\n");
        byChannel.forEach((k, v) -> sb.append(String.format("  %-16d %,d%n", k, v)));
        long invalid = invalidByReason.values().stream().mapToLong(Long::longValue).sum();
        sb.append(String.format("invalid        %,d%n", invalid));
        invalidByReason.forEach((k, v) -> sb.append(String.format("  %-16s %,d%n", k, v)));
        sb.append(String.format("noise          %,d bytes in %,d runs%n", noiseBytes, noiseRuns));
        return sb.toString();
    }
}
