package io.omvcap.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.testing.Transcript;
import io.omvcap.testing.Transcript.TracePacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every packet of every golden transcript decodes, validates and re-encodes byte for byte. */
class TranscriptCodecTest {

    @TestFactory
    Stream<DynamicTest> decodesAndReencodesEveryTranscript() {
        return Transcript.NAMES.stream().flatMap(name -> Stream.of(Direction.values())
                .map(dir -> DynamicTest.dynamicTest(name + " " + dir.shortName(), () -> check(Transcript.load(name), dir))));
    }

    private static void check(Transcript t, Direction dir) {
        PacketDecoder decoder = new PacketDecoder(PacketDecoder.DEFAULT_MAX_PAYLOAD, true);
        List<WireEvent> events = new ArrayList<>();
        for (Transcript.Chunk c : t.chunks(dir)) {
            decoder.feed(c.bytes(), events::add);
        }
        decoder.finish(events::add);
        byte[] stream = t.stream(dir);

        // every byte accounted for exactly once
        long covered = 0;
        for (WireEvent e : events) {
            assertEquals(covered, e.offset(), "events tile the stream");
            covered += e.consumed();
        }
        assertEquals(stream.length, covered);

        List<TracePacket> expectedValid = t.packets(dir).stream().filter(TracePacket::valid).toList();
        List<ValidPacket> valid = events.stream().filter(ValidPacket.class::isInstance).map(ValidPacket.class::cast).toList();
        assertEquals(expectedValid.size(), valid.size(), "valid packet count");
        for (int i = 0; i < valid.size(); i++) {
            TracePacket exp = expectedValid.get(i);
            Packet got = valid.get(i).packet();
            String where = t.name() + " " + dir.shortName() + " packet " + i;
            assertEquals(exp.seq(), got.sequence(), where);
            assertEquals(exp.chan(), got.channel(), where);
            assertEquals(exp.flags(), got.flags(), where);
            assertEquals(exp.opcode(), got.opcode(), where);
            assertArrayEquals(exp.payload(), got.payload(), where);
            int off = (int) valid.get(i).offset();
            byte[] original = Arrays.copyOfRange(stream, off, off + got.wireSize());
            assertArrayEquals(original, PacketEncoder.encode(got), where + " re-encodes identically");
        }

        List<TracePacket> expectedInvalid = t.packets(dir).stream().filter(p -> !p.valid()).toList();
        List<InvalidPacket> invalid = events.stream().filter(InvalidPacket.class::isInstance)
                .map(InvalidPacket.class::cast).toList();
        assertEquals(expectedInvalid.size(), invalid.size(), "invalid packet count");
        for (int i = 0; i < invalid.size(); i++) {
            InvalidReason expected = expectedInvalid.get(i).headerCrcOk() ? InvalidReason.BAD_PAYLOAD_CRC
                    : InvalidReason.BAD_HEADER_CRC;
            assertEquals(expected, invalid.get(i).reason());
        }
        if (!t.name().equals("h-noise") || dir == Direction.CAM_TO_HOST) {
            assertTrue(invalid.isEmpty(), "only h-noise's host stream has damage");
        }
    }
}
