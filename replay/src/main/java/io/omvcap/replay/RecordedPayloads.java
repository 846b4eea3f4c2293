package io.omvcap.replay;

import io.omvcap.archive.ChannelTopic;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.Topics;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.ChannelEntry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payloads a recording's cam served, per channel and in order, exactly as a host reads them
 * back from a replay (stream frames with their frame header). Read lazily, so it suits large
 * recordings; for checks such as "every payload came back identical".
 */
public final class RecordedPayloads implements Closeable {
    private final Map<String, ChannelFeed> feeds = new LinkedHashMap<>();

    private RecordedPayloads(Recording recording) {
        DeviceFacts facts = recording.lastDevice();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (ChannelEntry e : facts.channels()) {
            ids.put(e.name(), e.id());
        }
        for (String topic : recording.topics()) {
            String name = Topics.channelOf(topic);
            ChannelTopic kind = Topics.kindOf(topic);
            if (name != null && kind != null && kind != ChannelTopic.WRITE) {
                String real = ids.keySet().stream().filter(n -> Topics.channel(n, kind).equals(topic)).findFirst()
                        .orElse(name);
                feeds.computeIfAbsent(real, n -> new ChannelFeed(recording, n, ids.getOrDefault(n, -1)));
            }
        }
        if (recording.topics().contains(Topics.STDOUT)) {
            feeds.put(BuiltinChannel.STDOUT.wireName(), new ChannelFeed(recording, BuiltinChannel.STDOUT.wireName(),
                    BuiltinChannel.STDOUT.id()));
        }
    }

    /** The payloads of {@code files} (served one after another, as a replay would). */
    public static RecordedPayloads open(List<Path> files) throws IOException {
        return open(files, 0, -1L);
    }

    /** The payloads recorded between {@code start} and {@code end} (epoch ns, inclusive; end -1: no end). */
    public static RecordedPayloads open(List<Path> files, long start, long end) throws IOException {
        return new RecordedPayloads(Recording.open(files, false, start, end));
    }

    /** Names of the channels that served payloads. */
    public List<String> channels() {
        return new ArrayList<>(feeds.keySet());
    }

    /** The next payload of {@code channel}, or null when there are no more. */
    public byte[] next(String channel) throws IOException {
        ChannelFeed f = feeds.get(channel);
        Payload p = f == null ? null : f.next();
        return p == null ? null : p.data();
    }

    /** Whether {@code channel} has another payload. */
    public boolean hasNext(String channel) throws IOException {
        ChannelFeed f = feeds.get(channel);
        return f != null && f.peek() != null;
    }

    @Override
    public void close() throws IOException {
        for (ChannelFeed f : feeds.values()) {
            f.close();
        }
    }
}
