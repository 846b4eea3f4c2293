package io.omvcap.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.testing.Transcript;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Damaged wire streams fed to the decoder in random pieces: the golden transcripts of both
 * directions and synthetic packet runs, with bit flips, inserted noise, deleted and duplicated
 * ranges, splices, hostile length fields and truncation; decoded with random max payloads and CRC
 * settings. Every case must tile its stream with events, decode the same whatever the pieces, find
 * only packets whose bytes are really in the stream, keep its buffer bounded and never throw.
 *
 * <p>Seeded and reproducible: {@code -Domvcap.fuzz.cases=N} sets the archive fuzzing's case count
 * and this test runs five times as many streams (default 10,000); {@code -Domvcap.fuzz.seed=S}
 * picks the run; a failure names its case seed, which {@code -Domvcap.fuzz.wire.replay=SEED} runs
 * alone.
 */
class WireFuzzTest {
    private static final int CASES = 5 * Integer.getInteger("omvcap.fuzz.cases", 2000);
    private static final long SEED = seed(System.getProperty("omvcap.fuzz.seed", "0x0F022A7C"));
    private static final String REPLAY = System.getProperty("omvcap.fuzz.wire.replay");
    private static final int[] MAX_PAYLOADS = {0, 1, 64, 512, 4082, 8192, 65535};
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final List<byte[]> STREAMS = streams();

    private static List<byte[]> streams() {
        List<byte[]> out = new ArrayList<>();
        for (String name : Transcript.NAMES) {
            Transcript t = Transcript.load(name);
            for (Direction d : Direction.values()) {
                out.add(t.stream(d));
            }
        }
        SplittableRandom rnd = new SplittableRandom(7);
        for (int s = 0; s < 4; s++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; i < 60; i++) {
                byte[] payload = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(4083) : rnd.nextInt(40)];
                rnd.nextBytes(payload);
                b.writeBytes(PacketEncoder.encode(new Packet(i & 0xFF, rnd.nextInt(32), rnd.nextInt(256),
                        rnd.nextInt(256), payload)));
            }
            out.add(b.toByteArray());
        }
        return out;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void damagedStreamsInRandomPieces() {
        int cases = REPLAY != null ? 1 : CASES;
        long bytes = 0;
        long valid = 0;
        long invalid = 0;
        long started = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            long caseSeed = REPLAY != null ? seed(REPLAY) : SEED + i * 0x9E3779B97F4A7C15L;
            SplittableRandom rnd = new SplittableRandom(caseSeed);
            StringBuilder what = new StringBuilder();
            byte[] stream = mutate(STREAMS.get(rnd.nextInt(STREAMS.size())), rnd, what);
            int maxPayload = MAX_PAYLOADS[rnd.nextInt(MAX_PAYLOADS.length)];
            boolean crc = rnd.nextInt(5) > 0;
            String where = String.format("wire case %d (seed 0x%X; replay with -Domvcap.fuzz.wire.replay=0x%X),"
                    + " %d bytes, max payload %d, crc %s:%s", i, caseSeed, caseSeed, stream.length, maxPayload, crc, what);
            try {
                long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
                List<WireEvent> pieces = decodeInPieces(stream, maxPayload, crc, rnd, where);
                List<WireEvent> whole = decodeWhole(stream, maxPayload, crc);
                long allocated = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
                assertTiles(pieces, stream.length, where);
                List<String> a = canonical(whole);
                List<String> b = canonical(pieces);
                if (!a.equals(b)) {
                    throw new AssertionError(where + ": the events depend on how the stream is cut into pieces: "
                            + firstDifference(a, b));
                }
                for (WireEvent e : pieces) {
                    if (e instanceof ValidPacket v) {
                        valid++;
                        assertTrue(v.packet().payload().length <= maxPayload, where + ": payload over the max");
                        if (crc) {
                            assertArrayEquals(PacketEncoder.encode(v.packet()), Arrays.copyOfRange(stream,
                                    (int) v.offset(), (int) v.offset() + v.consumed()), where + ": packet at " + v.offset()
                                    + " is exactly the bytes there");
                        }
                    } else if (e instanceof InvalidPacket) {
                        invalid++;
                    }
                }
                // both decodes together: their own buffers, the events and their raw bytes
                long bound = 16L * stream.length + 4L * WireFormat.packetSize(maxPayload) + (1 << 20);
                assertTrue(allocated <= bound, where + ": allocated " + allocated + " bytes, bound " + bound);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(where + ": the decoder threw " + e, e);
            }
            bytes += stream.length;
        }
        System.out.printf("fuzz: %d damaged wire streams (%.1f MB, seed 0x%X) in %.1f s: %d valid and %d invalid"
                + " packets%n", cases, bytes / 1e6, SEED, (System.nanoTime() - started) / 1e9, valid, invalid);
    }

    private static List<WireEvent> decodeInPieces(byte[] data, int maxPayload, boolean crc, SplittableRandom rnd,
                                                  String where) {
        PacketDecoder d = new PacketDecoder(maxPayload, crc);
        List<WireEvent> events = new ArrayList<>();
        int off = 0;
        long bufferBound = 2L * WireFormat.packetSize(maxPayload) + (64 << 10);
        while (off < data.length) {
            int n = switch (rnd.nextInt(4)) {
                case 0 -> 1 + rnd.nextInt(4);
                case 1 -> 1 + rnd.nextInt(64);
                case 2 -> 1 + rnd.nextInt(5000);
                default -> data.length - off;
            };
            n = Math.min(n, data.length - off);
            d.feed(data, off, n, events::add);
            off += n;
            assertTrue(d.buffered() <= bufferBound, where + ": buffer " + d.buffered() + " over " + bufferBound);
        }
        d.finish(events::add);
        assertEquals(0, d.buffered(), where + ": finish() leaves nothing behind");
        return events;
    }

    private static List<WireEvent> decodeWhole(byte[] data, int maxPayload, boolean crc) {
        PacketDecoder d = new PacketDecoder(maxPayload, crc);
        List<WireEvent> events = new ArrayList<>();
        d.feed(data, events::add);
        d.finish(events::add);
        return events;
    }

    /** Events as comparable strings, adjacent noise runs joined (how a run is split is not significant). */
    private static List<String> canonical(List<WireEvent> events) {
        List<String> out = new ArrayList<>();
        long noiseFrom = -1;
        long noiseLength = 0;
        for (WireEvent e : events) {
            if (e instanceof Noise n && (noiseFrom < 0 || noiseFrom + noiseLength == n.offset())) {
                noiseFrom = noiseFrom < 0 ? n.offset() : noiseFrom;
                noiseLength += n.length();
                continue;
            }
            if (noiseFrom >= 0) {
                out.add("noise " + noiseFrom + "+" + noiseLength);
                noiseFrom = -1;
                noiseLength = 0;
            }
            if (e instanceof Noise n) {
                noiseFrom = n.offset();
                noiseLength = n.length();
            } else if (e instanceof ValidPacket v) {
                out.add("valid " + v.offset() + " " + v.packet());
            } else if (e instanceof InvalidPacket p) {
                out.add("invalid " + p.offset() + "+" + p.consumed() + " " + p.reason() + " (" + p.raw().length
                        + " raw bytes, hash " + Arrays.hashCode(p.raw()) + ")");
            }
        }
        if (noiseFrom >= 0) {
            out.add("noise " + noiseFrom + "+" + noiseLength);
        }
        return out;
    }

    private static String firstDifference(List<String> whole, List<String> pieces) {
        int i = 0;
        while (i < whole.size() && i < pieces.size() && whole.get(i).equals(pieces.get(i))) {
            i++;
        }
        return "event " + i + " fed whole: " + (i < whole.size() ? whole.get(i) : "(none)") + "; fed in pieces: "
                + (i < pieces.size() ? pieces.get(i) : "(none)") + " (" + whole.size() + " vs " + pieces.size()
                + " events)";
    }

    private static void assertTiles(List<WireEvent> events, long total, String where) {
        long pos = 0;
        for (WireEvent e : events) {
            assertEquals(pos, e.offset(), where + ": events are contiguous");
            assertTrue(e.consumed() > 0, where + ": every event consumes bytes");
            pos += e.consumed();
        }
        assertEquals(total, pos, where + ": every byte is accounted for once");
    }

    /** One to four kinds of damage. */
    private static byte[] mutate(byte[] base, SplittableRandom rnd, StringBuilder what) {
        byte[] s = base;
        for (int k = 1 + rnd.nextInt(4); k > 0 && s.length > 0; k--) {
            int kind = rnd.nextInt(9);
            int at = rnd.nextInt(s.length);
            switch (kind) {
                case 0 -> {
                    s = s.clone();
                    for (int n = 1 + rnd.nextInt(16); n > 0; n--) {
                        s[rnd.nextInt(s.length)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    what.append(" flips");
                }
                case 1 -> {
                    byte[] noise = new byte[1 + rnd.nextInt(300)];
                    rnd.nextBytes(noise);
                    if (rnd.nextBoolean()) {
                        for (int i = 0; i + 1 < noise.length; i += 1 + rnd.nextInt(20)) {
                            noise[i] = WireFormat.SYNC_BYTE_0;
                            noise[i + 1] = WireFormat.SYNC_BYTE_1;
                        }
                    }
                    s = insert(s, at, noise);
                    what.append(" noise@").append(at);
                }
                case 2 -> {
                    int len = Math.min(s.length - at, 1 + rnd.nextInt(2000));
                    byte[] cut = new byte[s.length - len];
                    System.arraycopy(s, 0, cut, 0, at);
                    System.arraycopy(s, at + len, cut, at, s.length - at - len);
                    s = cut;
                    what.append(" delete@").append(at).append('+').append(len);
                }
                case 3 -> {
                    int len = Math.min(s.length - at, 1 + rnd.nextInt(2000));
                    s = insert(s, rnd.nextInt(s.length), Arrays.copyOfRange(s, at, at + len));
                    what.append(" duplicate@").append(at).append('+').append(len);
                }
                case 4 -> {
                    byte[] other = STREAMS.get(rnd.nextInt(STREAMS.size()));
                    int from = rnd.nextInt(other.length);
                    s = insert(s, at, Arrays.copyOfRange(other, from, Math.min(other.length, from + 1 + rnd.nextInt(3000))));
                    what.append(" splice@").append(at);
                }
                case 5 -> {
                    // a hostile length field in a real header
                    int sync = syncAfter(s, at);
                    if (sync >= 0 && sync + 8 <= s.length) {
                        s = s.clone();
                        int[] lengths = {0xFFFF, 0, 1, 4083, 4082, 8193, rnd.nextInt(0x10000)};
                        int v = lengths[rnd.nextInt(lengths.length)];
                        s[sync + 6] = (byte) v;
                        s[sync + 7] = (byte) (v >>> 8);
                        what.append(" length@").append(sync).append('=').append(v);
                    }
                }
                case 6 -> {
                    s = Arrays.copyOf(s, at);
                    what.append(" truncate@").append(at);
                }
                case 7 -> {
                    s = s.clone();
                    Arrays.fill(s, at, Math.min(s.length, at + 1 + rnd.nextInt(600)), (byte) 0);
                    what.append(" zeros@").append(at);
                }
                default -> {
                    s = s.clone();
                    s[at] = (byte) rnd.nextInt(256);
                    what.append(" byte@").append(at);
                }
            }
        }
        return s;
    }

    private static int syncAfter(byte[] s, int from) {
        for (int i = from; i + 1 < s.length; i++) {
            if (s[i] == WireFormat.SYNC_BYTE_0 && s[i + 1] == WireFormat.SYNC_BYTE_1) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] insert(byte[] s, int at, byte[] extra) {
        byte[] out = new byte[s.length + extra.length];
        System.arraycopy(s, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(s, at, out, at + extra.length, s.length - at);
        return out;
    }

    /** A seed as printed: {@code 0x} and up to 16 hex digits, or decimal. */
    private static long seed(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    }
}
