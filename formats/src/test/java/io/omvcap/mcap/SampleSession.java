package io.omvcap.mcap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a small, deterministic session: one schema, three channels (frames, telemetry, events),
 * messages with some log times out of order, a metadata record and an attachment, and remembers
 * what it wrote so tests can compare.
 */
final class SampleSession {
    static final String FRAMES = "/camera/frames";
    static final String TELEMETRY = "/telemetry";
    static final String EVENTS = "/events";

    final List<Message> messages = new ArrayList<>();
    final Map<Integer, String> topics = new java.util.HashMap<>();
    /** Writer position after each explicit flush (end of a chunk and its message indexes). */
    final List<Long> flushEnds = new ArrayList<>();
    final Metadata metadata = new Metadata("session", Map.of("mode", "host", "port", "/dev/ttyACM0"));
    final Attachment attachment = new Attachment(7, 3, "main.py", "text/x-python",
            "import sensor\nprint('héllo')\n".getBytes(StandardCharsets.UTF_8));

    /**
     * Writes {@code count} messages; every {@code flushEvery} messages (0 = never) the writer is
     * flushed so chunks hold exactly that many messages.
     */
    void write(McapWriter w, int count, int flushEvery, long seed) throws IOException {
        Random rnd = new Random(seed);
        int schema = w.registerSchema("openmv.Frame", "jsonschema", "{\"type\":\"object\"}".getBytes(StandardCharsets.UTF_8));
        int frames = w.registerChannel(FRAMES, "raw", schema, Map.of("pixformat", "RGB565"));
        int telemetry = w.registerChannel(TELEMETRY, "cbor", 0, Map.of());
        int events = w.registerChannel(EVENTS, "json", 0, Map.of());
        topics.put(frames, FRAMES);
        topics.put(telemetry, TELEMETRY);
        topics.put(events, EVENTS);
        w.writeMetadata(metadata);
        for (int i = 0; i < count; i++) {
            int channel = i % 10 == 0 ? frames : i % 7 == 0 ? events : telemetry;
            int size = channel == frames ? 1000 + rnd.nextInt(3000) : rnd.nextInt(120);
            byte[] data = new byte[size];
            for (int j = 0; j < size; j++) {
                data[j] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt() : j / 16);
            }
            long logTime = 1_700_000_000_000_000_000L + 1_000_000L * i + (rnd.nextInt(5) == 0 ? -3_000_000L : 0);
            Message m = new Message(channel, i, logTime, logTime - 10, data);
            w.writeMessage(m);
            messages.add(m);
            if (i == count / 2) {
                w.writeAttachment(attachment);
            }
            if (flushEvery > 0 && (i + 1) % flushEvery == 0) {
                w.flush();
                flushEnds.add(w.position());
            }
        }
    }

    /** Writes a whole session to memory with the given settings. */
    static byte[] bytes(McapWriterBuilder settings, SampleSession s, int count, int flushEvery, long seed)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (McapWriter w = settings.open(out)) {
            s.write(w, count, flushEvery, seed);
        }
        return out.toByteArray();
    }

    /** The messages in log-time order, ties in write order. */
    List<Message> byLogTime() {
        List<Message> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(Message::logTime, Long::compareUnsigned));
        return sorted;
    }

    /** Expected answer of an indexed query. */
    List<Message> query(long start, long end, Set<String> wantedTopics) {
        return byLogTime().stream()
                .filter(m -> Long.compareUnsigned(m.logTime(), start) >= 0 && Long.compareUnsigned(m.logTime(), end) <= 0)
                .filter(m -> wantedTopics == null || wantedTopics.contains(topics.get(m.channelId())))
                .collect(Collectors.toList());
    }
}
