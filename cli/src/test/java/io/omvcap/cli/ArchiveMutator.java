package io.omvcap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.omvcap.mcap.Attachment;
import io.omvcap.mcap.Channel;
import io.omvcap.mcap.Compression;
import io.omvcap.mcap.Header;
import io.omvcap.mcap.McapReadOptions;
import io.omvcap.mcap.McapRecord;
import io.omvcap.mcap.McapStreamReader;
import io.omvcap.mcap.McapWriter;
import io.omvcap.mcap.Message;
import io.omvcap.mcap.Metadata;
import io.omvcap.mcap.Schema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Damages MCAP files the way disks, crashes and hostile inputs do, knowing the MCAP record
 * structure but nothing of the session layout: bit flips, truncation, huge or negative record and
 * field lengths, zero-filled blocks, spliced bytes, damaged summary and footer, corrupted compressed
 * chunk bytes and chunk headers; and damage behind intact framing (the file rewritten with valid
 * CRCs around it): message fields of the wrong JSON or CBOR type, damaged metadata values, channels
 * whose topic or encoding no longer matches their messages.
 */
final class ArchiveMutator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int CHUNK = 0x06;
    private static final int DATA_END = 0x0F;
    private static final int MAGIC = 8;
    private static final int FOOTER_RECORD = 1 + 8 + 8 + 8 + 4;

    /** Kinds of damage. */
    enum Kind {
        BIT_FLIPS, TRUNCATION, RECORD_LENGTH, FIELD_LENGTH, ZERO_BLOCK, SPLICE, SUMMARY, FOOTER, CHUNK_DATA,
        CHUNK_HEADER, MESSAGE_FIELDS, METADATA_VALUES, CHANNEL_MISMATCH
    }

    /** A damaged file and what was done to it. */
    record Mutant(byte[] bytes, String description) {
    }

    /** A top-level record: opcode, offset and whole length (header included). */
    record Span(int opcode, int offset, int length) {
    }

    /** An intact archive to damage: its bytes, top-level records and (chunks expanded) contents. */
    record Base(String name, byte[] bytes, List<Span> spans, Header header, List<McapRecord> content,
                Compression compression) {
        /** Reads {@code bytes}, which must be a valid MCAP file. */
        static Base of(String name, byte[] bytes, Compression compression) throws IOException {
            List<McapRecord> content = new ArrayList<>();
            Header header = null;
            try (McapStreamReader r = new McapStreamReader(new ByteArrayInputStream(bytes), bytes.length,
                    McapReadOptions.DEFAULT)) {
                for (McapRecord rec; (rec = r.next()) != null; ) {
                    if (rec instanceof Header h) {
                        header = h;
                    } else if (rec.opcode() == DATA_END) {
                        break;
                    } else if (rec instanceof Schema || rec instanceof Channel || rec instanceof Message
                            || rec instanceof Metadata || rec instanceof Attachment) {
                        content.add(rec);
                    }
                }
            }
            return new Base(name, bytes, ArchiveMutator.spans(bytes), header, List.copyOf(content), compression);
        }
    }

    private ArchiveMutator() {
    }

    /** One mutation of {@code base} chosen by {@code rnd}; sometimes damage behind intact framing plus byte damage. */
    static Mutant mutate(Base base, SplittableRandom rnd) throws IOException {
        Kind[] kinds = Kind.values();
        Kind kind = kinds[rnd.nextInt(kinds.length)];
        StringBuilder what = new StringBuilder(base.name()).append(": ");
        byte[] bytes;
        List<Span> spans;
        if (kind.ordinal() >= Kind.MESSAGE_FIELDS.ordinal()) {
            bytes = rewrite(base, kind, rnd, what);
            spans = spans(bytes);
            if (rnd.nextInt(4) == 0) {
                Kind more = kinds[rnd.nextInt(Kind.MESSAGE_FIELDS.ordinal())];
                what.append("; then ");
                bytes = damage(bytes, spans, more, rnd, what);
            }
        } else {
            bytes = damage(base.bytes().clone(), base.spans(), kind, rnd, what);
        }
        return new Mutant(bytes, what.toString());
    }

    // ---- byte damage ----------------------------------------------------------------------

    private static byte[] damage(byte[] f, List<Span> spans, Kind kind, SplittableRandom rnd, StringBuilder what) {
        what.append(kind);
        switch (kind) {
            case BIT_FLIPS -> {
                int n = 1 + rnd.nextInt(8);
                for (int i = 0; i < n; i++) {
                    int at = rnd.nextInt(f.length);
                    f[at] ^= (byte) (1 << rnd.nextInt(8));
                    what.append(' ').append(at);
                }
            }
            case TRUNCATION -> {
                int cut = rnd.nextBoolean() ? rnd.nextInt(f.length) : pick(spans, rnd).offset() + rnd.nextInt(3);
                what.append(" at ").append(cut);
                return Arrays.copyOf(f, Math.min(cut, f.length));
            }
            case RECORD_LENGTH -> {
                Span s = pick(spans, rnd);
                long v = hostileLength(rnd, s.length());
                putLong(f, s.offset() + 1, v);
                what.append(" of op 0x").append(Integer.toHexString(s.opcode())).append(" at ").append(s.offset())
                        .append(" = ").append(Long.toUnsignedString(v));
            }
            case FIELD_LENGTH -> {
                // a string, byte array or map length inside a record body
                Span s = pick(spans, rnd);
                if (s.length() > 13) {
                    int at = s.offset() + 9 + rnd.nextInt(s.length() - 13);
                    long v = rnd.nextBoolean() ? 0xFFFFFFFFL : rnd.nextInt(1 << 20);
                    putInt(f, at, v);
                    what.append(" at ").append(at).append(" = ").append(v);
                }
            }
            case ZERO_BLOCK -> {
                int size = 512 << rnd.nextInt(4);
                int at = rnd.nextBoolean() ? (rnd.nextInt(f.length) / 512) * 512 : rnd.nextInt(f.length);
                Arrays.fill(f, at, Math.min(f.length, at + size), (byte) 0);
                what.append(' ').append(size).append(" bytes at ").append(at);
            }
            case SPLICE -> {
                int len = 1 + rnd.nextInt(Math.min(4096, f.length));
                int from = rnd.nextInt(f.length - len + 1);
                int to = rnd.nextInt(f.length - len + 1);
                System.arraycopy(f.clone(), from, f, to, len);
                what.append(' ').append(len).append(" bytes from ").append(from).append(" to ").append(to);
            }
            case SUMMARY -> {
                long start = summaryStart(f);
                int footer = f.length - MAGIC - FOOTER_RECORD;
                if (start > 0 && start < footer) {
                    int n = 1 + rnd.nextInt(6);
                    for (int i = 0; i < n; i++) {
                        int at = (int) start + rnd.nextInt(footer - (int) start);
                        if (rnd.nextBoolean()) {
                            f[at] = (byte) rnd.nextInt(256);
                        } else {
                            putLong(f, at, hostileLength(rnd, footer));
                        }
                        what.append(' ').append(at);
                    }
                }
            }
            case FOOTER -> {
                int footer = f.length - MAGIC - FOOTER_RECORD;
                if (footer > 0) {
                    int field = rnd.nextInt(3);
                    int at = footer + 9 + 8 * field;
                    long v = field == 2 ? rnd.nextLong() : hostileLength(rnd, f.length);
                    if (field == 2) {
                        putInt(f, at, v);
                    } else {
                        putLong(f, at, v);
                    }
                    what.append(field == 0 ? " summary_start" : field == 1 ? " summary_offset_start" : " crc")
                            .append(" = ").append(Long.toUnsignedString(v));
                }
            }
            case CHUNK_DATA, CHUNK_HEADER -> {
                List<Span> chunks = spans.stream().filter(s -> s.opcode() == CHUNK).toList();
                if (chunks.isEmpty()) {
                    break;
                }
                Span c = chunks.get(rnd.nextInt(chunks.size()));
                int nameLength = (int) Math.min(64, u32(f, c.offset() + 37));
                int records = c.offset() + 41 + nameLength + 8;
                int end = c.offset() + c.length();
                what.append(" at ").append(c.offset());
                if (kind == Kind.CHUNK_DATA && records < end) {
                    int n = 1 + rnd.nextInt(16);
                    for (int i = 0; i < n; i++) {
                        f[records + rnd.nextInt(end - records)] = (byte) rnd.nextInt(256);
                    }
                    what.append(", ").append(n).append(" compressed bytes");
                } else {
                    int field = rnd.nextInt(4);
                    switch (field) {
                        case 0 -> putLong(f, c.offset() + 25, hostileLength(rnd, c.length())); // uncompressed size
                        case 1 -> putInt(f, c.offset() + 33, rnd.nextLong()); // CRC
                        case 2 -> f[c.offset() + 41 + rnd.nextInt(Math.max(1, nameLength))] ^= 0x20; // compression name
                        default -> putLong(f, records - 8, hostileLength(rnd, c.length())); // records length
                    }
                    what.append(", header field ").append(field);
                }
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
        return f;
    }

    private static long hostileLength(SplittableRandom rnd, long near) {
        long[] values = {-1L, Long.MAX_VALUE, Long.MIN_VALUE, 0xFFFFFFFFL, 0x7FFFFFFFL, 0x7FFFFFF0L, 1L << 40, 0,
            Math.max(0, near - 1), near + 1, near * 2, rnd.nextLong(), rnd.nextInt(1 << 16)};
        return values[rnd.nextInt(values.length)];
    }

    // ---- damage behind intact framing --------------------------------------------------------

    private static byte[] rewrite(Base base, Kind kind, SplittableRandom rnd, StringBuilder what) throws IOException {
        what.append(kind);
        List<McapRecord> content = new ArrayList<>(base.content());
        Map<Integer, Channel> channels = new HashMap<>();
        for (McapRecord r : content) {
            if (r instanceof Channel c) {
                channels.put(c.id(), c);
            }
        }
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            McapRecord r = content.get(i);
            boolean fits = switch (kind) {
                case MESSAGE_FIELDS -> r instanceof Message;
                case METADATA_VALUES -> r instanceof Metadata;
                default -> r instanceof Channel;
            };
            if (fits) {
                targets.add(i);
            }
        }
        int n = targets.isEmpty() ? 0 : 1 + rnd.nextInt(kind == Kind.MESSAGE_FIELDS ? 4 : 2);
        for (int k = 0; k < n; k++) {
            int i = targets.get(rnd.nextInt(targets.size()));
            McapRecord r = content.get(i);
            if (r instanceof Message m) {
                Channel c = channels.get(m.channelId());
                String encoding = c == null ? "" : c.messageEncoding();
                content.set(i, new Message(m.channelId(), m.sequence(), m.logTime(), m.publishTime(),
                        messageData(m.data(), encoding, rnd)));
                what.append(' ').append(c == null ? "#" + m.channelId() : c.topic());
            } else if (r instanceof Metadata md) {
                content.set(i, new Metadata(md.name(), metadataValues(md.metadata(), rnd, what)));
                what.append(' ').append(md.name());
            } else if (r instanceof Channel c) {
                List<Channel> all = new ArrayList<>(channels.values());
                Channel other = all.get(rnd.nextInt(all.size()));
                String[] encodings = {"json", "cbor", "application/octet-stream", "protobuf"};
                Channel changed = rnd.nextBoolean()
                        ? new Channel(c.id(), c.schemaId(), other.topic(), c.messageEncoding(), c.metadata())
                        : new Channel(c.id(), c.schemaId(), c.topic(), encodings[rnd.nextInt(encodings.length)],
                                c.metadata());
                content.set(i, changed);
                channels.put(c.id(), changed);
                what.append(' ').append(c.topic()).append(" -> ").append(changed.topic()).append(' ')
                        .append(changed.messageEncoding());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int chunkSize = 1024 << rnd.nextInt(7);
        try (McapWriter w = McapWriter.builder().profile(base.header().profile()).library(base.header().library())
                .compression(base.compression()).chunkSize(chunkSize).chunkMaxAge(null).open(out)) {
            for (McapRecord r : content) {
                try {
                    if (r instanceof Schema s) {
                        w.addSchema(s);
                    } else if (r instanceof Channel c) {
                        w.addChannel(c);
                    } else if (r instanceof Message m) {
                        if (w.hasChannel(m.channelId())) {
                            w.writeMessage(m);
                        }
                    } else if (r instanceof Metadata md) {
                        w.writeMetadata(md);
                    } else if (r instanceof Attachment a) {
                        w.writeAttachment(a);
                    }
                } catch (IllegalArgumentException e) {
                    // a record the writer refuses (a duplicate id after a change): left out
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] messageData(byte[] data, String encoding, SplittableRandom rnd) {
        try {
            if (encoding.equals("json") || encoding.equals("cbor")) {
                ObjectMapper m = encoding.equals("json") ? JSON : CBOR;
                if (rnd.nextInt(5) > 0) {
                    JsonNode tree = m.readTree(data);
                    return m.writeValueAsBytes(mutateTree(tree, rnd));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not parseable as its encoding claims: damage its bytes instead
        }
        byte[] d = data.length == 0 ? new byte[1] : data.clone();
        switch (rnd.nextInt(3)) {
            case 0 -> d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(32); // a control character
            default -> d = Arrays.copyOf(d, rnd.nextInt(d.length));
        }
        return d;
    }

    /** Replaces one value somewhere in {@code tree} (or the tree itself) with one of another type, or drops a field. */
    private static JsonNode mutateTree(JsonNode tree, SplittableRandom rnd) {
        List<JsonNode> containers = new ArrayList<>();
        collect(tree, containers);
        if (containers.isEmpty() || rnd.nextInt(8) == 0) {
            return oddValue(rnd);
        }
        JsonNode c = containers.get(rnd.nextInt(containers.size()));
        if (c instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(rnd.nextInt(names.size()));
            if (rnd.nextInt(5) == 0) {
                o.remove(name);
            } else {
                o.set(name, oddValue(rnd));
            }
        } else if (c instanceof ArrayNode a && a.size() > 0) {
            a.set(rnd.nextInt(a.size()), oddValue(rnd));
        } else if (c instanceof ArrayNode a) {
            a.add(oddValue(rnd));
        }
        return tree;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private static JsonNode oddValue(SplittableRandom rnd) {
        return switch (rnd.nextInt(14)) {
            case 0 -> NODES.numberNode(rnd.nextInt());
            case 1 -> NODES.numberNode(-1);
            case 2 -> NODES.numberNode(Long.MAX_VALUE);
            case 3 -> NODES.numberNode(1e308);
            case 4 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 5 -> NODES.textNode("");
            case 6 -> NODES.textNode("x\u0000y\n\u00e9\ud83d\ude00");
            case 7 -> NODES.arrayNode().add(1);
            case 8 -> NODES.arrayNode().add(NODES.objectNode());
            case 9 -> NODES.objectNode();
            case 10 -> NODES.objectNode().put("id", "x").put("flags", -5);
            case 11 -> NODES.nullNode();
            case 12 -> NODES.booleanNode(rnd.nextBoolean());
            default -> NODES.binaryNode(new byte[] {0, (byte) 0xFF, 1});
        };
    }

    private static Map<String, String> metadataValues(Map<String, String> md, SplittableRandom rnd, StringBuilder what) {
        Map<String, String> out = new LinkedHashMap<>(md);
        if (out.isEmpty()) {
            out.put("junk", "\u0000");
            return out;
        }
        List<String> keys = new ArrayList<>(out.keySet());
        String key = keys.get(rnd.nextInt(keys.size()));
        String v = out.get(key);
        String[] odd = {"[1]", "{}", "null", "[[]]", "[{\"id\":\"x\",\"flags\":{}}]", "99999999999999999999", "-1", "",
            "true", "\"text\"", "{\"a\":[1,2", "[{\"id\":1e400}]"};
        String changed = switch (rnd.nextInt(4)) {
            case 0 -> {
                int at = v.isEmpty() ? 0 : rnd.nextInt(v.length());
                yield v.substring(0, at) + (char) rnd.nextInt(32) + v.substring(at); // a zero-filled byte, a control char
            }
            case 1 -> v.substring(0, v.isEmpty() ? 0 : rnd.nextInt(v.length()));
            case 2 -> odd[rnd.nextInt(odd.length)];
            default -> null;
        };
        if (changed == null) {
            out.remove(key);
        } else {
            out.put(key, changed);
        }
        what.append(' ').append(key);
        return out;
    }

    // ---- structure -----------------------------------------------------------------------

    /** The top-level records of a valid (or valid-prefix) file. */
    static List<Span> spans(byte[] bytes) {
        List<Span> out = new ArrayList<>();
        try (McapStreamReader r = new McapStreamReader(new ByteArrayInputStream(bytes), bytes.length,
                McapReadOptions.DEFAULT.withExpandChunks(false).withValidateCrcs(false))) {
            for (McapRecord rec; (rec = r.next()) != null; ) {
                out.add(new Span(rec.opcode(), (int) r.recordOffset(), (int) (r.position() - r.recordOffset())));
            }
        } catch (IOException e) {
            // a damaged tail: the spans before it
        }
        if (out.isEmpty()) {
            out.add(new Span(0, MAGIC, Math.max(1, bytes.length - MAGIC)));
        }
        return out;
    }

    private static Span pick(List<Span> spans, SplittableRandom rnd) {
        return spans.get(rnd.nextInt(spans.size()));
    }

    private static long summaryStart(byte[] f) {
        int footer = f.length - MAGIC - FOOTER_RECORD;
        return footer > 0 ? getLong(f, footer + 9) : -1;
    }

    private static long u32(byte[] f, int at) {
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (at + i < f.length ? f[at + i] & 0xFF : 0);
        }
        return v;
    }

    private static long getLong(byte[] f, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (f[at + i] & 0xFF);
        }
        return v;
    }

    private static void putLong(byte[] f, int at, long v) {
        for (int i = 0; i < 8 && at + i < f.length; i++) {
            f[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putInt(byte[] f, int at, long v) {
        for (int i = 0; i < 4 && at + i < f.length; i++) {
            f[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
