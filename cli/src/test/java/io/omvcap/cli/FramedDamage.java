package io.omvcap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.omvcap.mcap.Attachment;
import io.omvcap.mcap.Channel;
import io.omvcap.mcap.McapRecord;
import io.omvcap.mcap.McapWriter;
import io.omvcap.mcap.Message;
import io.omvcap.mcap.Metadata;
import io.omvcap.mcap.Schema;
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
 * Damage behind intact framing, for {@link ArchiveMutator}: the archive's records rewritten into a
 * valid MCAP file (new chunking, valid CRCs) with message fields of the wrong JSON or CBOR type,
 * damaged metadata values (control characters, cut JSON, wrong types), or channels whose topic or
 * encoding no longer matches their messages.
 */
final class FramedDamage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FramedDamage() {
    }

    /** The base's records with {@code kind} damage to one to four of them, written as a new valid file. */
    static byte[] rewrite(ArchiveMutator.Base base, ArchiveMutator.Kind kind, SplittableRandom rnd, StringBuilder what) throws IOException {
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
        int n = targets.isEmpty() ? 0 : 1 + rnd.nextInt(kind == ArchiveMutator.Kind.MESSAGE_FIELDS ? 4 : 2);
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
        return write(base, content, 1024 << rnd.nextInt(7));
    }

    /** {@code content} (records of {@code base}, changed or not) as a new valid file with chunks of {@code chunkSize}. */
    static byte[] write(ArchiveMutator.Base base, List<McapRecord> content, int chunkSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
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
}
