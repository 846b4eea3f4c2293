package io.omvcap.replay;

import io.omvcap.archive.ArchiveFormatException;
import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.ChannelData;
import io.omvcap.archive.ChannelTopic;
import io.omvcap.archive.FrameRecord;
import io.omvcap.archive.Topics;
import io.omvcap.payload.BuiltinChannel;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The payloads one channel served, in order, read lazily from its topics ({@code read},
 * {@code frame}, {@code telemetry}, or {@code /stdout}). A read recorded in parts (a later part's
 * offset continuing the previous one) is joined into one payload, which keeps the offset of its
 * first part. Stream frames get their frame header back.
 */
final class ChannelFeed implements Closeable {
    private final String name;
    private final boolean stream;
    private final TopicCursor cursor;
    private final StreamHeaders headers;
    private Payload peeked;
    private Payload following;
    private boolean ended;
    private long damaged;

    /** A feed of {@code name}'s payloads; {@code id} tells the built-in channels apart. */
    ChannelFeed(Recording recording, String name, int id) {
        this(recording, name, id, false);
    }

    /** A feed of {@code name}'s payloads, or of the host's writes to it when {@code writes}. */
    ChannelFeed(Recording recording, String name, int id, boolean writes) {
        this.name = name;
        this.stream = id == BuiltinChannel.STREAM.id();
        Set<String> topics = new HashSet<>();
        if (writes) {
            topics.add(Topics.channel(name, ChannelTopic.WRITE));
        } else if (id == BuiltinChannel.STDOUT.id()) {
            topics.add(Topics.STDOUT);
        } else {
            for (ChannelTopic k : new ChannelTopic[] {ChannelTopic.READ, ChannelTopic.FRAME, ChannelTopic.TELEMETRY}) {
                topics.add(Topics.channel(name, k));
            }
        }
        topics.retainAll(recording.topics());
        this.cursor = topics.isEmpty() ? null : new TopicCursor(recording, topics);
        this.ended = cursor == null;
        this.headers = stream && !ended && recording.topics().contains(Topics.PACKETS) ? new StreamHeaders(recording)
                : null;
    }

    /** The channel's name. */
    String name() {
        return name;
    }

    /** The next payload without taking it, or null at the end. */
    Payload peek() throws IOException {
        if (peeked == null) {
            peeked = read();
        }
        return peeked;
    }

    /** Takes the next payload, or null at the end. */
    Payload next() throws IOException {
        Payload p = peek();
        peeked = null;
        return p;
    }

    /** Skips to the first payload at or after replay time {@code time}, through the index. */
    void seek(long time) throws IOException {
        peeked = null;
        following = null;
        if (!ended) {
            cursor.seek(time);
        }
    }

    /** Records that could not be decoded and were skipped. */
    long damaged() {
        return damaged;
    }

    private Payload read() throws IOException {
        Payload p = following != null ? following : decodeNext();
        following = null;
        if (p == null) {
            return null;
        }
        long end = p.offset() + p.data().length;
        long last = p.time();
        ByteArrayOutputStream joined = null;
        while (true) {
            Payload q = decodeNext();
            if (q == null) {
                break;
            }
            if (q.offset() == 0 || q.offset() != end) {
                following = q;
                break;
            }
            if (joined == null) {
                joined = new ByteArrayOutputStream();
                joined.writeBytes(p.data());
            }
            joined.writeBytes(q.data());
            end += q.data().length;
            last = q.time();
        }
        if (joined != null) {
            byte[] all = joined.toByteArray();
            p = new Payload(last, all, all.length, p.offset());
        }
        return p;
    }

    /** The next decodable record as a payload. */
    private Payload decodeNext() throws IOException {
        while (!ended) {
            if (!cursor.next()) {
                ended = true;
                break;
            }
            ArchivedMessage m = cursor.message();
            try {
                Payload p = decode(m, cursor.time());
                if (p != null) {
                    return p;
                }
            } catch (ArchiveFormatException | ClassCastException | IllegalArgumentException e) {
                damaged++;
            }
        }
        return null;
    }

    private Payload decode(ArchivedMessage m, long t) throws IOException {
        if (m.topic().equals(Topics.STDOUT)) {
            Object text = m.decodeMap().get("text");
            byte[] b = String.valueOf(text).getBytes(StandardCharsets.UTF_8);
            return b.length == 0 ? null : new Payload(t, b, b.length);
        }
        ChannelTopic kind = Topics.kindOf(m.topic());
        if (kind == ChannelTopic.TELEMETRY) {
            return new Payload(t, m.data(), m.data().length);
        }
        if (kind == ChannelTopic.FRAME) {
            FrameRecord f = FrameRecord.fromMap(m.decodeMap());
            if (!stream) {
                return new Payload(t, f.data(), f.data().length);
            }
            byte[] header = headers != null
                    ? headers.header(t, f.width(), f.height(), f.pixformat(), f.data().length)
                    : new io.omvcap.payload.FrameHeader(f.width(), f.height(), f.pixformat(), f.data().length,
                            io.omvcap.payload.FrameHeader.SIZE, 0f).encode();
            byte[] all = new byte[header.length + f.data().length];
            System.arraycopy(header, 0, all, 0, header.length);
            System.arraycopy(f.data(), 0, all, header.length, f.data().length);
            return new Payload(t, all, f.data().length);
        }
        if (kind == ChannelTopic.READ || kind == ChannelTopic.WRITE) {
            ChannelData d = ChannelData.fromMap(m.decodeMap());
            return new Payload(t, d.data(), d.data().length, d.offset());
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        if (cursor != null) {
            cursor.close();
        }
        if (headers != null) {
            headers.close();
        }
    }
}
