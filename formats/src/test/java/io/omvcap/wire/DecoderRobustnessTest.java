package io.omvcap.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.testing.Transcript;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random bytes, bit flips and truncations: the decoder only ever emits its documented events,
 * accounts for every byte once, keeps its buffer bounded and finds the next valid packet.
 */
class DecoderRobustnessTest {
    private static final byte[] STREAM = Transcript.load("d-frame").stream(Direction.CAM_TO_HOST);

    @Test
    void randomBytesYieldOnlyDocumentedEventsAndTileTheStream() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            byte[] junk = new byte[rnd.nextInt(20_000)];
            rnd.nextBytes(junk);
            if (round % 3 == 0) {
                sprinkleSyncWords(junk, rnd);
            }
            List<WireEvent> events = decodeInRandomChunks(junk, rnd, new PacketDecoder(rnd.nextInt(9000), true));
            assertTiles(events, junk.length);
        }
    }

    @Test
    void everyTruncationPointTilesAndLosesOnlyTheCutPacket() {
        List<Packet> all = validPackets(decodeAll(STREAM, new PacketDecoder()));
        for (int cut = 0; cut <= 9000 && cut <= STREAM.length; cut += 7) {
            byte[] prefix = Arrays.copyOf(STREAM, cut);
            List<WireEvent> events = decodeAll(prefix, new PacketDecoder());
            assertTiles(events, cut);
            List<Packet> got = validPackets(events);
            assertEquals(all.subList(0, got.size()), got, "packets before the cut survive, in order");
            long invalid = events.stream().filter(e -> e instanceof InvalidPacket).count();
            assertTrue(invalid <= 1, "at most the cut packet is reported truncated at cut " + cut);
        }
    }

    @Test
    void bitFlipsDamageAtMostTheHitPacketAndDecodingResumes() {
        PacketDecoder reference = new PacketDecoder();
        List<WireEvent> clean = decodeAll(STREAM, reference);
        List<ValidPacket> cleanPackets = clean.stream().filter(ValidPacket.class::isInstance)
                .map(ValidPacket.class::cast).toList();
        Random rnd = new Random(3);
        for (int round = 0; round < 500; round++) {
            byte[] damaged = STREAM.clone();
            int pos = rnd.nextInt(damaged.length);
            damaged[pos] ^= (byte) (1 << rnd.nextInt(8));
            List<WireEvent> events = decodeInRandomChunks(damaged, rnd, new PacketDecoder());
            assertTiles(events, damaged.length);
            // every clean packet that does not contain the flipped byte is still found at the same offset
            List<Long> offsets = events.stream().filter(ValidPacket.class::isInstance)
                    .map(e -> e.offset()).toList();
            for (ValidPacket p : cleanPackets) {
                boolean hit = pos >= p.offset() && pos < p.offset() + p.consumed();
                if (!hit) {
                    assertTrue(offsets.contains(p.offset()), "packet at " + p.offset() + " survives a flip at " + pos);
                }
            }
        }
    }

    @Test
    void tornPacketDoesNotSwallowThePacketsBehindIt() {
        byte[] big = PacketEncoder.encode(Packet.of(7, 6, 0x18, Opcode.CHANNEL_READ, new byte[4000]));
        byte[] small = PacketEncoder.encode(Packet.of(9, 0, 0x01, Opcode.CHANNEL_POLL));
        byte[] torn = Arrays.copyOf(big, 1500);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(torn);
        for (int i = 0; i < 3; i++) {
            s.writeBytes(small);
        }
        PacketDecoder d = new PacketDecoder();
        List<WireEvent> live = new ArrayList<>();
        d.feed(s.toByteArray(), live::add); // no finish(): a live stream that goes quiet
        assertEquals(InvalidReason.TRUNCATED, ((InvalidPacket) live.get(0)).reason());
        assertEquals(1500, live.get(0).consumed());
        assertEquals(3, validPackets(live).size(), "the packets after the torn one arrive without waiting");
    }

    @Test
    void aTornPacketIsFoundTornWhereverTheReadsEnd() {
        // a packet claiming 16 payload bytes is cut after 11; a valid packet follows, whose header
        // starts inside the claimed length. When a read ended just where the claimed packet would,
        // its payload CRC failed before the next header had arrived, and the valid packet behind
        // it was swallowed (found by the wire fuzzing: the outcome depended on the read sizes)
        byte[] claimed = PacketEncoder.encode(Packet.of(1, 2, 0, Opcode.CHANNEL_READ, new byte[16]));
        byte[] next = PacketEncoder.encode(Packet.of(8, 4, 0x08, Opcode.CHANNEL_READ, "0000000521".getBytes()));
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(claimed, 0, 21);
        s.writeBytes(next);
        byte[] stream = s.toByteArray();
        int claimedEnd = claimed.length;
        for (int firstRead = 1; firstRead < stream.length; firstRead++) {
            PacketDecoder d = new PacketDecoder();
            List<WireEvent> events = new ArrayList<>();
            d.feed(stream, 0, firstRead, events::add);
            d.feed(stream, firstRead, stream.length - firstRead, events::add);
            d.finish(events::add);
            assertEquals(InvalidReason.TRUNCATED, ((InvalidPacket) events.get(0)).reason(), "first read " + firstRead);
            assertEquals(21, events.get(0).consumed(), "first read " + firstRead);
            assertEquals(List.of(Packet.of(8, 4, 0x08, Opcode.CHANNEL_READ, "0000000521".getBytes())),
                    validPackets(events), "the packet behind the torn one survives a first read of " + firstRead
                            + (firstRead == claimedEnd ? " (where the claimed packet ends)" : ""));
        }
    }

    @Test
    void aBadPacketIsCutAtTheFirstValidPacketInsideItHoweverTheReadsFall() {
        // a packet with a bad payload CRC holds a damaged packet (good header, bad payload) and then
        // a valid one. Fed whole it was cut at the damaged header, fed in pieces at the valid packet
        // (found by the wire fuzzing, seed 0x6C1270601AE9F8E0); now both cut at the valid packet
        byte[] head = PacketEncoder.encode(Packet.of(1, 2, 0, Opcode.CHANNEL_READ, new byte[300]));
        byte[] damaged = PacketEncoder.encode(Packet.of(2, 4, 0, Opcode.CHANNEL_READ, "0123456789".getBytes()));
        damaged[damaged.length - 1] ^= 0x55; // its payload CRC no longer matches
        Packet inner = Packet.of(3, 4, 0x08, Opcode.CHANNEL_SIZE, new byte[] {4, 0, 0, 0});
        byte[] valid = PacketEncoder.encode(inner);
        System.arraycopy(damaged, 0, head, 30, damaged.length);
        System.arraycopy(valid, 0, head, 80, valid.length);
        List<WireEvent> whole = decodeAll(head, new PacketDecoder());
        assertEquals(InvalidReason.TRUNCATED, ((InvalidPacket) whole.get(0)).reason());
        assertEquals(80, whole.get(0).consumed(), "cut where the valid packet starts");
        assertTrue(validPackets(whole).contains(inner), "the valid packet inside is found");
        for (int firstRead = 1; firstRead < head.length; firstRead++) {
            PacketDecoder d = new PacketDecoder();
            List<WireEvent> pieces = new ArrayList<>();
            d.feed(head, 0, firstRead, pieces::add);
            d.feed(head, firstRead, head.length - firstRead, pieces::add);
            d.finish(pieces::add);
            assertEquals(whole.toString(), pieces.toString(), "first read " + firstRead);
        }
    }

    @Test
    void hostileLengthNeverGrowsTheBuffer() {
        PacketDecoder d = new PacketDecoder(512, true);
        byte[] header = new byte[WireFormat.HEADER_SIZE];
        PacketEncoder.writeHeader(header, 0, 0, 1, 0, Opcode.CHANNEL_WRITE.code(), 0xFFFF, true);
        List<WireEvent> events = new ArrayList<>();
        d.feed(header, events::add);
        assertEquals(InvalidReason.OVERSIZE, ((InvalidPacket) events.get(0)).reason());
        Random rnd = new Random(5);
        byte[] chunk = new byte[100_000];
        for (int i = 0; i < 50; i++) {
            rnd.nextBytes(chunk);
            d.feed(chunk, e -> { });
            assertTrue(d.buffered() <= 2 * WireFormat.packetSize(512) + 64 * 1024, "buffer stays bounded");
        }
    }

    @Test
    void crcOffAcceptsZeroCrcFields() {
        Packet p = Packet.of(3, 4, 0, Opcode.CHANNEL_READ, new byte[] {1, 2, 3});
        byte[] bytes = PacketEncoder.encode(p, false);
        assertEquals(0, WireFormat.u16(bytes, 8));
        List<WireEvent> off = decodeAll(bytes, new PacketDecoder(4082, false));
        assertEquals(List.of(p), validPackets(off));
        List<WireEvent> on = decodeAll(bytes, new PacketDecoder(4082, true));
        assertTrue(validPackets(on).isEmpty(), "with CRC on the zero CRC is rejected");
    }

    @Test
    void unknownOpcodesAndReservedFlagsArePreserved() {
        Packet p = new Packet(1, 31, 0xC0, 0x7E, new byte[] {9});
        List<WireEvent> events = decodeAll(PacketEncoder.encode(p), new PacketDecoder());
        assertEquals(List.of(p), validPackets(events));
        assertEquals("0x7E", Opcode.nameOf(0x7E));
        assertEquals(List.of("BIT6", "BIT7"), Flag.names(0xC0));
    }

    static List<WireEvent> decodeAll(byte[] data, PacketDecoder d) {
        List<WireEvent> events = new ArrayList<>();
        d.feed(data, events::add);
        d.finish(events::add);
        return events;
    }

    private static List<WireEvent> decodeInRandomChunks(byte[] data, Random rnd, PacketDecoder d) {
        List<WireEvent> events = new ArrayList<>();
        int off = 0;
        while (off < data.length) {
            int n = Math.min(data.length - off, 1 + rnd.nextInt(rnd.nextBoolean() ? 16 : 5000));
            d.feed(data, off, n, events::add);
            off += n;
        }
        d.finish(events::add);
        return events;
    }

    private static List<Packet> validPackets(List<WireEvent> events) {
        return events.stream().filter(ValidPacket.class::isInstance).map(e -> ((ValidPacket) e).packet()).toList();
    }

    private static void assertTiles(List<WireEvent> events, long total) {
        long pos = 0;
        for (WireEvent e : events) {
            assertEquals(pos, e.offset(), "events are contiguous");
            assertTrue(e.consumed() > 0, "every event consumes bytes");
            pos += e.consumed();
        }
        assertEquals(total, pos, "every byte is accounted for");
    }

    private static void sprinkleSyncWords(byte[] junk, Random rnd) {
        for (int i = 0; i + 1 < junk.length; i += 1 + rnd.nextInt(50)) {
            junk[i] = WireFormat.SYNC_BYTE_0;
            junk[i + 1] = WireFormat.SYNC_BYTE_1;
        }
    }
}
