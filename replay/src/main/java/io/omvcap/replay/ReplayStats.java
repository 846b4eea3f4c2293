package io.omvcap.replay;

import io.omvcap.replay.fault.InjectedFault;
import io.omvcap.wire.Opcode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running counts of a replay, written on the serving thread and read from any thread
 * (status line, test assertions, the summary at exit).
 */
final class ReplayStats {
    /** Most divergences kept in detail (all are counted). */
    static final int DIVERGENCE_LIMIT = 100;

    private final long startNanos = System.nanoTime();
    private final Map<String, Long> requestsByOpcode = new TreeMap<>();
    private final Map<String, long[]> channels = new TreeMap<>();
    private final Map<String, List<ByteArrayOutputStream>> writes = new TreeMap<>();
    private final Map<Integer, Long> unknownChannels = new TreeMap<>();
    private final List<Divergence> divergences = new ArrayList<>();
    private final List<InjectedFault> faults = new ArrayList<>();
    private long requests;
    private long divergenceCount;
    private long faultCount;
    private long softReboots;
    private long hangUps;
    private long registrations;
    private long connections;
    private long damaged;
    private long lastWriteEnd = -1;
    private String lastWriteChannel;

    synchronized void request(int opcode) {
        requests++;
        requestsByOpcode.merge(Opcode.nameOf(opcode), 1L, Long::sum);
    }

    synchronized long requests() {
        return requests;
    }

    synchronized void unknownChannel(int id) {
        unknownChannels.merge(id, 1L, Long::sum);
    }

    synchronized void served(String channel, int bytes) {
        long[] c = counts(channel);
        c[0]++;
        c[1] += bytes;
    }

    synchronized void skipped(String channel, long n) {
        counts(channel)[2] += n;
    }

    /** A host write chunk; {@code continues} when it extends the previous chunk of the same write. */
    synchronized void write(String channel, long offset, byte[] data, int off, int len, boolean continues) {
        List<ByteArrayOutputStream> list = writes.computeIfAbsent(channel, k -> new ArrayList<>());
        boolean join = continues && channel.equals(lastWriteChannel) && offset == lastWriteEnd && !list.isEmpty();
        if (!join) {
            list.add(new ByteArrayOutputStream());
            counts(channel)[3]++;
        }
        list.get(list.size() - 1).write(data, off, len);
        counts(channel)[4] += len;
        lastWriteChannel = channel;
        lastWriteEnd = offset + len;
    }

    synchronized void ioctl(String channel) {
        counts(channel)[5]++;
    }

    synchronized List<byte[]> writes(String channel) {
        List<byte[]> out = new ArrayList<>();
        for (ByteArrayOutputStream b : writes.getOrDefault(channel, List.of())) {
            out.add(b.toByteArray());
        }
        return out;
    }

    synchronized void divergence(Divergence d) {
        divergenceCount++;
        if (divergences.size() < DIVERGENCE_LIMIT) {
            divergences.add(d);
        }
    }

    synchronized List<Divergence> divergences() {
        return List.copyOf(divergences);
    }

    synchronized long divergenceCount() {
        return divergenceCount;
    }

    synchronized void fault(InjectedFault f, boolean keep) {
        faultCount++;
        if (keep) {
            faults.add(f);
        }
    }

    synchronized void softReboot() {
        softReboots++;
    }

    synchronized void hangUp() {
        hangUps++;
    }

    synchronized void registration() {
        registrations++;
    }

    synchronized void connection() {
        connections++;
    }

    synchronized void damaged(long n) {
        damaged = n;
    }

    synchronized long served() {
        long n = 0;
        for (long[] c : channels.values()) {
            n += c[0];
        }
        return n;
    }

    /** A snapshot; {@code matched}, {@code neverMade} and {@code finished} come from the cam. */
    synchronized ReplaySummary summary(String recording, ReplayOptions options, long matched, long neverMadeCount,
            List<HostRequest> neverMade, boolean finished) {
        Map<String, ChannelCounts> ch = new LinkedHashMap<>();
        channels.forEach((k, c) -> ch.put(k, new ChannelCounts(c[0], c[1], c[2], c[3], c[4], c[5])));
        return new ReplaySummary(recording, options.mode().name().toLowerCase(java.util.Locale.ROOT),
                options.speed().toString(), requests, new TreeMap<>(requestsByOpcode), ch,
                new TreeMap<>(unknownChannels), connections, softReboots, hangUps, registrations, divergenceCount,
                List.copyOf(divergences), matched, neverMadeCount, List.copyOf(neverMade), faultCount,
                List.copyOf(faults), finished, (System.nanoTime() - startNanos) / 1e9, damaged);
    }

    private long[] counts(String channel) {
        return channels.computeIfAbsent(channel, k -> new long[6]);
    }
}
