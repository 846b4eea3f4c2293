package io.omvcap.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.mcap.Channel;
import io.omvcap.mcap.McapIndexedReader;
import io.omvcap.mcap.Message;
import io.omvcap.mcap.MessageCursor;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.wire.Direction;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Archives written by omvcap 0.1 (layout 1, kept in {@code sample-sessions/}) still read: the
 * session reader hands out exactly the packets, wire bytes and payloads those files store, read
 * here independently, record by record, with the plain MCAP reader.
 */
class Layout1CompatibilityTest {
    private static final Path SAMPLES = Path.of("..", "sample-sessions");

    @Test
    void theSimulatedSessionReadsAsStored() throws Exception {
        check(SAMPLES.resolve("sim-session.mcap"), false);
    }

    @Test
    void theNoisySessionReadsAsStoredWithItsInvalidPackets() throws Exception {
        check(SAMPLES.resolve("layout1-noise.mcap"), true);
    }

    private static void check(Path file, boolean expectInvalid) throws Exception {
        List<String> storedPackets = new ArrayList<>();
        ByteArrayOutputStream[] storedWire = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        List<String> storedOther = new ArrayList<>();
        try (McapIndexedReader raw = McapIndexedReader.open(file)) {
            MessageCursor c = raw.readMessages(MessageFilter.ALL);
            for (Message m; (m = c.next()) != null; ) {
                Channel ch = raw.channels().get(m.channelId());
                if (ch.topic().equals(Topics.PACKETS)) {
                    storedPackets.add(describe(PacketRecord.fromMap(ArchiveCodec.decode("cbor", m.data()))));
                } else if (Topics.isWire(ch.topic())) {
                    storedWire[Topics.directionOf(ch.topic()).ordinal()].writeBytes(m.data());
                } else {
                    storedOther.add(ch.topic() + " " + m.logTime() + " " + Arrays.hashCode(m.data()));
                }
            }
        }
        List<String> packets = new ArrayList<>();
        ByteArrayOutputStream[] wire = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        List<String> other = new ArrayList<>();
        try (SessionReader r = SessionReader.open(file)) {
            assertEquals(1, r.formatVersion());
            assertTrue(r.isSession());
            try (SessionCursor c = r.cursor(MessageFilter.ALL)) {
                for (SessionCursor.Kind k; (k = c.next()) != null; ) {
                    switch (k) {
                        case PACKET -> packets.add(describe(c.packet().toRecord()));
                        case WIRE -> wire[c.wire().dir().ordinal()].write(c.wire().array(), c.wire().arrayOffset(),
                                c.wire().length());
                        default -> other.add(c.message().topic() + " " + c.message().logTime() + " "
                                + Arrays.hashCode(c.message().data()));
                    }
                }
            }
            SessionTotals stored = r.storedTotals().orElseThrow();
            SessionTotals scanned = r.scan(null).totals();
            assertEquals(stored.packetsByChannel(), scanned.packetsByChannel());
            assertEquals(stored.invalidByReason(), scanned.invalidByReason());
            assertEquals(stored.topic(Topics.PACKETS).messages(), scanned.topic(Topics.PACKETS).messages());
        }
        assertEquals(storedPackets, packets, "the stored packets, in order, field for field");
        for (Direction d : Direction.values()) {
            assertArrayEquals(storedWire[d.ordinal()].toByteArray(), wire[d.ordinal()].toByteArray(), d.toString());
        }
        assertEquals(storedOther, other, "every other message as stored");
        assertTrue(packets.size() > 20, "packets: " + packets.size());
        assertEquals(expectInvalid, packets.stream().anyMatch(p -> p.contains("BAD_")), "invalid packets kept");
    }

    private static String describe(PacketRecord p) {
        return p.dir() + " @" + p.offset() + " seq=" + p.seq() + " ch=" + p.channel() + " flags=" + p.flags() + " op="
                + p.opcode() + " len=" + p.length() + " " + p.reason() + " seq_ok=" + p.seqOk() + " consumed="
                + p.consumed() + " payload=" + Arrays.toString(p.payload()) + " raw=" + Arrays.toString(p.raw());
    }
}
