package io.omvcap.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.testing.Transcript;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Opcode;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TelemetryCodecTest {
    @Test
    void decodesTheFirmwareTelemetryReads() {
        List<byte[]> reads = Transcript.load("e-telemetry").packets(Direction.CAM_TO_HOST).stream()
                .filter(p -> p.chan() == 7 && p.opcode() == Opcode.CHANNEL_READ.code() && p.length() > 0)
                .map(Transcript.TracePacket::payload).toList();
        assertEquals(3, reads.size());
        long lastCount = -1;
        for (byte[] cbor : reads) {
            assertEquals(69, cbor.length);
            List<TelemetryField> f = TelemetryCodec.decode(cbor);
            assertEquals(List.of("temp", "count", "mirror"), f.stream().map(TelemetryField::name).toList());
            assertEquals("Cel", f.get(0).unit());
            assertEquals(Widget.LABEL, f.get(0).knownWidget());
            assertInstanceOf(Double.class, f.get(0).value());
            long count = (Long) f.get(1).value();
            assertTrue(count > lastCount, "counter increases");
            lastCount = count;
            assertEquals(Boolean.FALSE, f.get(2).value());
            assertEquals(Widget.TOGGLE, f.get(2).knownWidget());
            assertArrayEquals(cbor, TelemetryCodec.encode(f), "re-encodes to the firmware's bytes");
        }
    }

    @Test
    void negativeKeysRangesOptionsAndBinaryRoundTrip() {
        TelemetryField depth = new TelemetryField("depth", "depth", null, "mm", null, 1234L, 0.1, new byte[] {1, 2, 3},
                2L, 1L, 0.0, 4000.0, null, null, null, null, Map.of(-99, "future"));
        TelemetryField select = new TelemetryField("mode", "select", "b", null, null, null, null, null, null, null,
                null, null, null, null, null, List.of("a", "b"), null);
        List<TelemetryField> fields = List.of(TelemetryField.slider("gain", 3.5, 0, 10, 0.5, "dB"), depth, select,
                TelemetryField.of("led", Widget.TOGGLE, true, null));
        assertEquals(fields, TelemetryCodec.decode(TelemetryCodec.encode(fields)));
    }

    @Test
    void hostUpdatesRoundTrip() {
        List<TelemetryUpdate> u = List.of(new TelemetryUpdate("mirror", true), new TelemetryUpdate("gain", 7L));
        byte[] cbor = TelemetryCodec.encodeUpdates(u);
        assertEquals("82a200666d6972726f7202f5a200646761696e0207", HexFormat.of().formatHex(cbor));
        assertEquals(u, TelemetryCodec.decodeUpdates(cbor));
    }

    @Test
    void malformedCborIsAClearErrorNeverACrash() {
        assertThrows(TelemetryFormatException.class, () -> TelemetryCodec.decode(new byte[0]));
        TelemetryFormatException notArray = assertThrows(TelemetryFormatException.class,
                () -> TelemetryCodec.decode(HexFormat.of().parseHex("a10001")));
        assertEquals("telemetry must be a CBOR array of maps", notArray.getMessage());
        // a byte string claiming 4 GB in a 10-byte input
        assertThrows(TelemetryFormatException.class,
                () -> TelemetryCodec.decode(HexFormat.of().parseHex("81a1085affffffff0102")));
        TelemetryFormatException nameless = assertThrows(TelemetryFormatException.class,
                () -> TelemetryCodec.decode(HexFormat.of().parseHex("81a10201")));
        assertEquals("telemetry field without a string name (key 0)", nameless.getMessage());

        byte[] good = TelemetryCodec.encode(List.of(TelemetryField.of("temp", Widget.LABEL, 21.5, "Cel"),
                TelemetryField.slider("gain", 1, 0, 5, 1, null)));
        Random rnd = new Random(11);
        for (int i = 0; i < 5000; i++) {
            byte[] bad = good.clone();
            for (int k = 0; k <= rnd.nextInt(3); k++) {
                bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
            }
            if (rnd.nextInt(4) == 0) {
                bad = java.util.Arrays.copyOf(bad, rnd.nextInt(bad.length));
            }
            try {
                TelemetryCodec.decode(bad);
            } catch (TelemetryFormatException expected) {
                assertTrue(!expected.getMessage().contains("\n"), "one line: " + expected.getMessage());
            }
        }
    }
}
