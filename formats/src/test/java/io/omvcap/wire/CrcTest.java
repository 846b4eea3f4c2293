package io.omvcap.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.omvcap.testing.Transcript;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CrcTest {
    @Test
    void matchesEveryReferenceVector() {
        JsonNode vectors = Transcript.json("crc-vectors.json");
        assertEquals(24, vectors.size());
        for (JsonNode v : vectors) {
            byte[] input = HexFormat.of().parseHex(v.get("input_hex").asText());
            assertEquals(v.get("crc16").asInt(), Crc16.compute(input), "crc16 of " + input.length + " bytes");
            assertEquals(v.get("crc32").asLong(), Crc32.compute(input), "crc32 of " + input.length + " bytes");
        }
    }

    @Test
    void slicedCrc32AgreesWithBitwiseDefinitionAtEveryLengthAndOffset() {
        byte[] data = new byte[3000];
        new Random(7).nextBytes(data);
        for (int off = 0; off < 9; off++) {
            for (int len = 0; len + off <= data.length; len += 97) {
                assertEquals(bitwiseCrc32(data, off, len), Crc32.compute(data, off, len), "off " + off + " len " + len);
            }
        }
    }

    @Test
    void incrementalUpdateEqualsOneShot() {
        byte[] data = new byte[1000];
        new Random(1).nextBytes(data);
        int crc = Crc32.update(Crc32.INITIAL, data, 0, 333);
        crc = Crc32.update(crc, data, 333, 667);
        assertEquals(Crc32.compute(data), crc & 0xFFFFFFFFL);
        assertEquals(Crc16.compute(data), Crc16.update(Crc16.update(Crc16.INITIAL, data, 0, 5), data, 5, 995));
    }

    private static long bitwiseCrc32(byte[] data, int off, int len) {
        int crc = 0xFFFFFFFF;
        for (int i = off; i < off + len; i++) {
            crc ^= (data[i] & 0xFF) << 24;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0xFA567D89 : crc << 1;
            }
        }
        return crc & 0xFFFFFFFFL;
    }
}
