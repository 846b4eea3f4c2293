package io.omvcap.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omvcap.testing.Transcript;
import io.omvcap.testing.Transcript.TracePacket;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Opcode;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoder writes the same bytes as the cam's micropython cbor2 (definite-length maps). */
class TelemetryEncodingTest {

    @Test
    void encodesTelemetryLikeTheCam() {
        TracePacket read = Transcript.load("e-telemetry").packets(Direction.CAM_TO_HOST).stream()
                .filter(p -> p.opcode() == Opcode.CHANNEL_READ.code() && p.chan() == 7).findFirst().orElseThrow();
        List<TelemetryField> fields = TelemetryCodec.decode(read.payload());
        assertEquals(3, fields.size());
        assertArrayEquals(read.payload(), TelemetryCodec.encode(fields));
    }

    @Test
    void encodesUpdatesWithDefiniteLengthMaps() {
        byte[] cbor = TelemetryCodec.encodeUpdates(List.of(new TelemetryUpdate("mirror", true)));
        // [ {0: "mirror", 2: true} ] as cbor2 writes it
        assertArrayEquals(HexFormat.of().parseHex("81a200666d6972726f7202f5"), cbor);
        assertEquals(List.of(new TelemetryUpdate("mirror", true)), TelemetryCodec.decodeUpdates(cbor));
    }
}
