package io.omvcap.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryField;
import io.omvcap.telemetry.TelemetryFormatException;
import io.omvcap.telemetry.Widget;
import io.omvcap.testing.Transcript;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Opcode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The export's fast telemetry decoding gives exactly what the codec gives, or defers to it. */
class TelemetryScannerTest {
    private final TelemetryScanner scanner = new TelemetryScanner();

    private void same(byte[] cbor) {
        List<TelemetryField> expected = TelemetryCodec.decode(cbor);
        List<TelemetryField> got = scanner.decode(cbor);
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < expected.size(); i++) {
            TelemetryField e = expected.get(i);
            TelemetryField g = got.get(i);
            assertEquals(e.name(), g.name());
            assertEquals(e.widget(), g.widget());
            assertEquals(e.unit(), g.unit());
            assertEquals(e.value() == null ? null : e.value().getClass(), g.value() == null ? null : g.value().getClass(),
                    e.name());
            if (e.value() instanceof byte[] || e.value() instanceof List<?>) {
                assertEquals(String.valueOf(e.value() instanceof byte[] b ? HexFormat.of().formatHex(b) : e.value()),
                        String.valueOf(g.value() instanceof byte[] b ? HexFormat.of().formatHex(b) : g.value()));
            } else {
                assertEquals(e.value(), g.value(), e.name());
            }
        }
    }

    @Test
    void commonShapesMatchTheCodec() {
        Random rnd = new Random(3);
        for (int i = 0; i < 2000; i++) {
            List<TelemetryField> fields = new ArrayList<>();
            fields.add(TelemetryField.of("temperature", Widget.LABEL, rnd.nextGaussian() * 1e3, "Cel"));
            fields.add(TelemetryField.of("counter", Widget.LABEL, rnd.nextLong() >> rnd.nextInt(64), null));
            fields.add(TelemetryField.of("neg", null, -(long) rnd.nextInt(100_000), null));
            fields.add(TelemetryField.of("led", Widget.TOGGLE, rnd.nextBoolean(), null));
            fields.add(TelemetryField.of("mode", null, i % 3 == 0 ? "auto" : "température " + i, "x"));
            fields.add(TelemetryField.of("nothing", null, null, null));
            fields.add(TelemetryField.slider("gain", rnd.nextInt(25), 0, 24, 1, "dB"));
            same(TelemetryCodec.encode(fields));
        }
    }

    @Test
    void unusualEncodingsAreDecodedLikeTheCodec() {
        HexFormat hex = HexFormat.of();
        // half, single and double floats; a negative key that is not known; indefinite-length array
        same(hex.parseHex("81a2" + "006161" + "02" + "f93e00"));
        same(hex.parseHex("81a2006161" + "02" + "fa3fc00000"));
        same(hex.parseHex("81a3006161" + "02" + "fb400921fb54442d18" + "3863" + "01"));
        same(hex.parseHex("9fa20061610201ff"));
        // an integer beyond int64 becomes a double; byte strings and arrays as values
        same(hex.parseHex("81a2006161" + "02" + "1bffffffffffffffff"));
        same(hex.parseHex("81a2006161" + "02" + "43010203"));
        same(hex.parseHex("81a2006161" + "02" + "83010203"));
        // the golden transcript's telemetry reads
        for (Transcript.TracePacket p : Transcript.load("e-telemetry").packets(Direction.CAM_TO_HOST)) {
            if (p.opcode() == Opcode.CHANNEL_READ.code() && p.chan() == 7 && p.length() > 0) {
                same(p.payload());
            }
        }
    }

    @Test
    void malformedReadsFailLikeTheCodec() {
        HexFormat hex = HexFormat.of();
        for (String bad : List.of("a0", "81a1016161", "81a200010201", "81a2006161026161ff", "81a20061610201" + "00",
                "81a30061610201" + "2061")) {
            byte[] b = hex.parseHex(bad);
            TelemetryFormatException e = assertThrows(TelemetryFormatException.class, () -> TelemetryCodec.decode(b));
            TelemetryFormatException s = assertThrows(TelemetryFormatException.class, () -> scanner.decode(b), bad);
            assertEquals(e.getMessage(), s.getMessage());
        }
    }
}
