package io.omvcap.cli.commands;

import io.omvcap.wire.InvalidReason;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.WireFormat;
import io.omvcap.wire.WireVisitor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals over a decoded byte stream, for {@code omvcap decode --stats}: counts what the decoder
 * finds straight from its borrowed bytes, without allocating per packet.
 */
final class DecodeStats implements WireVisitor {
    private long bytes;
    private long packets;
    private long payloadBytes;
    private final Map<String, Long> byOpcode = new TreeMap<>();
    private final Map<Integer, Long> byChannel = new TreeMap<>();
    private final Map<String, Long> invalidByReason = new TreeMap<>();
    private long noiseBytes;
    private long noiseRuns;
    private final long[] opcodes = new long[256];
    private final long[] channels = new long[256];
    private final long[] reasons = new long[InvalidReason.values().length];

    @Override
    public void valid(long offset, byte[] buf, int off, int size) {
        bytes += size;
        packets++;
        payloadBytes += WireFormat.u16(buf, off + 6);
        channels[buf[off + 3] & 0xFF]++;
        opcodes[buf[off + 5] & 0xFF]++;
    }

    @Override
    public void invalid(long offset, InvalidReason reason, byte[] buf, int off, int rawLength, int consumed) {
        bytes += consumed;
        reasons[reason.ordinal()]++;
    }

    @Override
    public void noise(long offset, int length) {
        bytes += length;
        noiseBytes += length;
        noiseRuns++;
    }

    /** Folds the per-code counters of the allocation-free path into the maps. */
    private void settle() {
        for (int i = 0; i < 256; i++) {
            if (opcodes[i] != 0) {
                byOpcode.merge(Opcode.nameOf(i), opcodes[i], Long::sum);
                opcodes[i] = 0;
            }
            if (channels[i] != 0) {
                byChannel.merge(i, channels[i], Long::sum);
                channels[i] = 0;
            }
        }
        for (InvalidReason r : InvalidReason.values()) {
            if (reasons[r.ordinal()] != 0) {
                invalidByReason.merge(r.name(), reasons[r.ordinal()], Long::sum);
                reasons[r.ordinal()] = 0;
            }
        }
    }

    Map<String, Object> toMap() {
        settle();
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
        settle();
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
