package io.omvcap.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omvcap.wire.Direction;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A golden transcript from {@code ../shared/vectors} (copied into test resources): the official
 * host SDK talking to the official firmware protocol core, chunk by chunk and packet by packet.
 *
 * @param name    scenario name, e.g. {@code a-connect}
 * @param chunks  every read()/write() chunk in order
 * @param packets every decoded packet in order
 */
public record Transcript(String name, List<Chunk> chunks, List<TracePacket> packets) {
    /** All scenario names. */
    public static final List<String> NAMES = List.of("a-connect", "b-exec", "c-echo", "d-frame", "e-telemetry",
            "f-stdout", "g-caps", "h-noise", "i-restart", "j-rtx", "k-restart-nostdout");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One chunk as seen by the cam's tap.
     *
     * @param tNs   ns since scenario start
     * @param dir   direction
     * @param bytes the bytes
     */
    public record Chunk(long tNs, Direction dir, byte[] bytes) {
    }

    /**
     * One packet as listed in {@code *.packets.jsonl}.
     *
     * @param tNs          time of the chunk that completed it
     * @param dir          direction
     * @param seq          sequence
     * @param chan         channel
     * @param flags        flags
     * @param opcode       opcode
     * @param length       length field
     * @param payload      payload bytes
     * @param headerCrcOk  header CRC valid
     * @param payloadCrcOk payload CRC valid, null when no payload or header rejected
     */
    public record TracePacket(long tNs, Direction dir, int seq, int chan, int flags, int opcode, int length,
            byte[] payload, boolean headerCrcOk, Boolean payloadCrcOk) {
        /** Whether both CRCs were valid. */
        public boolean valid() {
            return headerCrcOk && !Boolean.FALSE.equals(payloadCrcOk);
        }
    }

    /** Loads a scenario from the test classpath. */
    public static Transcript load(String name) {
        List<Chunk> chunks = new ArrayList<>();
        for (JsonNode n : lines(name + ".trace.jsonl")) {
            chunks.add(new Chunk(n.get("t_ns").asLong(), Direction.parse(n.get("dir").asText()),
                    HexFormat.of().parseHex(n.get("hex").asText())));
        }
        List<TracePacket> packets = new ArrayList<>();
        for (JsonNode n : lines(name + ".packets.jsonl")) {
            JsonNode pc = n.get("payload_crc_ok");
            packets.add(new TracePacket(n.get("t_ns").asLong(), Direction.parse(n.get("dir").asText()),
                    n.get("seq").asInt(), n.get("chan").asInt(), n.get("flags").asInt(), n.get("opcode").asInt(),
                    n.get("length").asInt(), HexFormat.of().parseHex(n.get("payload_hex").asText()),
                    n.get("header_crc_ok").asBoolean(), pc == null || pc.isNull() ? null : pc.asBoolean()));
        }
        return new Transcript(name, List.copyOf(chunks), List.copyOf(packets));
    }

    /** Every byte that travelled in {@code dir}, in order. */
    public byte[] stream(Direction dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Chunk c : chunks) {
            if (c.dir() == dir) {
                out.writeBytes(c.bytes());
            }
        }
        return out.toByteArray();
    }

    /** Chunks travelling in {@code dir}. */
    public List<Chunk> chunks(Direction dir) {
        return chunks.stream().filter(c -> c.dir() == dir).toList();
    }

    /** Packets travelling in {@code dir}. */
    public List<TracePacket> packets(Direction dir) {
        return packets.stream().filter(p -> p.dir() == dir).toList();
    }

    /** Reads a vectors resource as text lines parsed as JSON. */
    public static List<JsonNode> lines(String resource) {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = open(resource);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Reads a whole vectors resource as JSON. */
    public static JsonNode json(String resource) {
        try (InputStream in = open(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = Transcript.class.getResourceAsStream("/vectors/" + resource);
        if (in == null) {
            throw new IllegalStateException("test resource /vectors/" + resource + " missing");
        }
        return in;
    }
}
