package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omvcap decode} on the sample raw captures. */
class DecodeCommandTest {
    static final Path SAMPLES = Path.of("..", "sample-sessions", "raw");

    private static List<JsonNode> jsonLines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            nodes.add(Json.mapper().readTree(line));
        }
        return nodes;
    }

    @Test
    void jsonLinesOfTheNoisyHostStream() throws Exception {
        CliRun r = CliRun.of("decode", "--hex", "--json", SAMPLES.resolve("h-noise.h2c.hex").toString());
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = jsonLines(r.out());
        long offset = 0;
        for (JsonNode n : lines) {
            assertEquals(offset, n.get("offset").asLong(), "lines tile the capture");
            offset += n.get("kind").asText().equals("packet") ? 10 + n.get("length").asInt()
                    + (n.get("length").asInt() > 0 ? 4 : 0) : n.get("bytes").asLong();
        }
        assertEquals(Files.readString(SAMPLES.resolve("h-noise.h2c.hex")).replaceAll("\\s", "").length() / 2, offset);
        List<String> reasons = lines.stream().filter(n -> n.get("kind").asText().equals("invalid"))
                .map(n -> n.get("reason").asText()).toList();
        assertEquals(List.of("BAD_HEADER_CRC", "BAD_HEADER_CRC", "BAD_PAYLOAD_CRC"), reasons);
        assertTrue(lines.stream().anyMatch(n -> n.get("kind").asText().equals("noise")));
        JsonNode setCaps = lines.stream().filter(n -> "PROTO_SET_CAPS".equals(n.path("opcode").asText())
                && n.get("length").asInt() == 16).findFirst().orElseThrow();
        assertEquals(4082, setCaps.get("payload").get("max_payload").asInt());
        JsonNode read = lines.stream().filter(n -> "CHANNEL_READ".equals(n.path("opcode").asText())
                && n.get("length").asInt() == 8).findFirst().orElseThrow();
        assertEquals(10, read.get("payload").get("read").asInt());
    }

    @Test
    void framesAndFragmentsInTheCamStream() {
        CliRun r = CliRun.of("decode", "--dir", "c2h", SAMPLES.resolve("d-frame.c2h.bin").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("frame=\"64x48 JPEG\" image_bytes="), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("CHANNEL_READ") && l.contains("ACK_REQ|FRAGMENT")
                && l.contains("len=4082")));
        assertTrue(r.out().contains("channels=[0:usb[PHYSICAL]"), "channel list summary");
    }

    @Test
    void statsCountEverything(@TempDir Path dir) throws Exception {
        byte[] garbage = HexFormat.of().parseHex("00ff1355aa0d0a7e31");
        Path f = dir.resolve("mixed.bin");
        byte[] frame = Files.readAllBytes(SAMPLES.resolve("d-frame.c2h.bin"));
        byte[] all = new byte[garbage.length + frame.length];
        System.arraycopy(garbage, 0, all, 0, garbage.length);
        System.arraycopy(frame, 0, all, garbage.length, frame.length);
        Files.write(f, all);
        CliRun r = CliRun.of("decode", "--stats", "--json", f.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode s = Json.mapper().readTree(r.out());
        assertEquals(all.length, s.get("bytes").asLong());
        assertEquals(45, s.get("packets").asLong());
        assertEquals(9, s.get("noise_bytes").asLong());
        assertEquals(3, s.get("packets_by_opcode").get("CHANNEL_IOCTL").asLong()
                + s.get("packets_by_opcode").get("CHANNEL_LOCK").asLong() - 1);
        assertEquals(15, s.get("packets_by_channel").get("6").asLong());
    }
}
