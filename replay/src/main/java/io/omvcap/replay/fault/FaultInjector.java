package io.omvcap.replay.fault;

import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Status;
import io.omvcap.wire.WireFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Applies a {@link FaultPlan} between a cam engine and its link: cam packets may be dropped,
 * corrupted, duplicated, delayed or held back (stall), host requests NAKed, and the link hung up.
 * Random faults draw from one generator seeded once, in packet order, so the same host against
 * the same recording meets the same faults. Packets keep their order: once one is held back,
 * the ones after it wait behind it. Every injected fault is logged. Single-threaded: the server
 * loop calls it.
 */
public final class FaultInjector {
    /** Where packets finally go. */
    @FunctionalInterface
    public interface Sink {
        /** Writes a packet; false when the link failed. */
        boolean write(byte[] buf, int off, int len);
    }

    /** Most injected faults kept for the report (all are counted). */
    static final int LOG_LIMIT = 1000;

    private final List<FaultSpec> specs;
    private final boolean[] fired;
    private final SplittableRandom random;
    private final LongSupplier clock;
    private final Consumer<InjectedFault> listener;
    private final Map<String, Long> packetCounts = new HashMap<>();
    private final Map<String, Long> requestCounts = new HashMap<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final List<InjectedFault> log = new ArrayList<>();
    private long injected;
    private long origin = -1;
    private long heldUntil;
    private boolean disconnect;

    private record Held(long due, byte[] bytes) {
    }

    /**
     * An injector for {@code plan}; {@code clock} gives {@link System#nanoTime()}-style readings,
     * {@code listener} hears of every fault as it is injected.
     */
    public FaultInjector(FaultPlan plan, long seed, LongSupplier clock, Consumer<InjectedFault> listener) {
        this.specs = plan.faults();
        this.fired = new boolean[specs.size()];
        this.random = new SplittableRandom(seed);
        this.clock = clock;
        this.listener = listener;
    }

    /** Whether the plan has any faults. */
    public boolean active() {
        return !specs.isEmpty();
    }

    /** The host connected for the first time: time triggers count from now. */
    public void start() {
        if (origin < 0) {
            origin = clock.getAsLong();
        }
    }

    /**
     * A cam packet on its way to the host; {@code sink} gets it now, later, twice, altered or not
     * at all.
     *
     * @return false when the sink failed
     */
    public boolean send(byte[] buf, int off, int len, Sink sink) {
        if (specs.isEmpty()) {
            return sink.write(buf, off, len);
        }
        long now = clock.getAsLong();
        String kind = packetKind(buf, off, len);
        long nth = count(packetCounts, kind);
        long nthAny = count(packetCounts, "any");
        byte[] bytes = null;
        int copies = 1;
        long due = now;
        for (int i = 0; i < specs.size(); i++) {
            FaultSpec s = specs.get(i);
            if (s.kind().onRequests() || !fires(i, s, kind, nth, nthAny, now)) {
                continue;
            }
            switch (s.kind()) {
                case DROP -> copies = 0;
                case DUPLICATE -> copies = 2;
                case CORRUPT -> {
                    bytes = bytes == null ? java.util.Arrays.copyOfRange(buf, off, off + len) : bytes;
                    corrupt(bytes);
                }
                case DELAY -> due = Math.max(due, now + s.nanos());
                case STALL -> heldUntil = Math.max(heldUntil, now + s.nanos());
                case DISCONNECT -> disconnect = true;
                default -> {
                }
            }
            record(now, s, describe(buf, off, len));
        }
        if (copies == 0) {
            return true;
        }
        due = Math.max(due, heldUntil);
        if (due > now || !held.isEmpty()) {
            byte[] b = bytes != null ? bytes : java.util.Arrays.copyOfRange(buf, off, off + len);
            for (int c = 0; c < copies; c++) {
                held.add(new Held(due, b));
            }
            return true;
        }
        boolean ok = true;
        for (int c = 0; c < copies && ok; c++) {
            ok = bytes != null ? sink.write(bytes, 0, bytes.length) : sink.write(buf, off, len);
        }
        return ok;
    }

    /**
     * A host request about to be processed.
     *
     * @return the status to NAK it with, or null to process it
     */
    public Status onRequest(int opcode, int channel, int sequence) {
        if (specs.isEmpty()) {
            return null;
        }
        long now = clock.getAsLong();
        String kind = FaultPlan.kindName(opcode);
        long nth = count(requestCounts, kind);
        long nthAny = count(requestCounts, "any");
        for (int i = 0; i < specs.size(); i++) {
            FaultSpec s = specs.get(i);
            if (s.kind().onRequests() && fires(i, s, kind, nth, nthAny, now)) {
                record(now, s, Opcode.nameOf(opcode) + " ch " + channel + " seq " + sequence + " answered NAK "
                        + s.status().name());
                return s.status();
            }
        }
        return null;
    }

    /** Sends held-back packets whose time has come; false when the sink failed. */
    public boolean pump(Sink sink) {
        if (held.isEmpty()) {
            return true;
        }
        long now = clock.getAsLong();
        while (!held.isEmpty() && held.peekFirst().due() <= now) {
            byte[] b = held.pollFirst().bytes();
            if (!sink.write(b, 0, b.length)) {
                held.clear();
                return false;
            }
        }
        return true;
    }

    /** Checks time triggers that need no packet (disconnect, stall); true when the link must hang up now. */
    public boolean disconnectDue() {
        if (!specs.isEmpty() && origin >= 0) {
            long now = clock.getAsLong();
            for (int i = 0; i < specs.size(); i++) {
                FaultSpec s = specs.get(i);
                if (!fired[i] && s.atNanos() >= 0 && now - origin >= s.atNanos()
                        && (s.kind() == FaultKind.DISCONNECT || s.kind() == FaultKind.STALL)) {
                    fired[i] = true;
                    if (s.kind() == FaultKind.DISCONNECT) {
                        disconnect = true;
                    } else {
                        heldUntil = Math.max(heldUntil, now + s.nanos());
                    }
                    record(now, s, "at " + String.format("%.3f s", (now - origin) / 1e9));
                }
            }
        }
        boolean d = disconnect;
        disconnect = false;
        return d;
    }

    /** Packets waiting to be sent (delays, stalls). */
    public boolean holding() {
        return !held.isEmpty();
    }

    /** Forgets held-back packets (the link hung up). */
    public void dropHeld() {
        held.clear();
        heldUntil = 0;
    }

    /** Faults injected so far. */
    public long injected() {
        return injected;
    }

    /** The injected faults (the first {@value #LOG_LIMIT}). */
    public List<InjectedFault> log() {
        return List.copyOf(log);
    }

    private boolean fires(int i, FaultSpec s, String kind, long nth, long nthAny, long now) {
        boolean kindOk = s.packetKind().equals("any") || s.packetKind().equals(kind)
                || s.packetKind().equals("event") && kind.equals("event");
        if (s.random()) {
            return kindOk && random.nextDouble() < s.rate();
        }
        if (fired[i]) {
            return false;
        }
        boolean due = s.atCount() > 0 ? kindOk && (s.packetKind().equals("any") ? nthAny : nth) == s.atCount()
                : origin >= 0 && now - origin >= s.atNanos();
        if (due) {
            fired[i] = true;
        }
        return due;
    }

    private void record(long now, FaultSpec s, String detail) {
        injected++;
        InjectedFault f = new InjectedFault(origin < 0 ? 0 : now - origin, s.kind(), s.describe(), detail);
        if (log.size() < LOG_LIMIT) {
            log.add(f);
        }
        listener.accept(f);
    }

    private void corrupt(byte[] b) {
        int len = b.length >= WireFormat.HEADER_SIZE ? WireFormat.u16(b, 6) : 0;
        int at = len > 0 && b.length >= WireFormat.HEADER_SIZE + len ? WireFormat.HEADER_SIZE + random.nextInt(len) : 8;
        b[Math.min(at, b.length - 1)] ^= (byte) (1 + random.nextInt(255));
    }

    private static long count(Map<String, Long> counts, String kind) {
        return counts.merge(kind, 1L, Long::sum);
    }

    private static String packetKind(byte[] b, int off, int len) {
        if (len < WireFormat.HEADER_SIZE) {
            return "any";
        }
        return (b[off + 4] & Flag.EVENT.mask()) != 0 ? "event" : FaultPlan.kindName(b[off + 5] & 0xFF);
    }

    private static String describe(byte[] b, int off, int len) {
        if (len < WireFormat.HEADER_SIZE) {
            return len + " bytes";
        }
        int flags = b[off + 4] & 0xFF;
        return Opcode.nameOf(b[off + 5] & 0xFF) + " ch " + (b[off + 3] & 0xFF) + " seq " + (b[off + 2] & 0xFF)
                + (flags != 0 ? " [" + Flag.describe(flags) + "]" : "") + " " + len + " bytes";
    }
}
