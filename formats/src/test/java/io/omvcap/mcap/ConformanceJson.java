package io.omvcap.mcap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders records the way the conformance {@code .json} files do: type name, fields sorted by
 * snake_case name, integers as decimal strings, bytes as arrays of decimal strings.
 */
final class ConformanceJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ConformanceJson() {
    }

    static ObjectNode toJson(McapRecord record) {
        Map<String, Object> f = new TreeMap<>();
        String type;
        if (record instanceof Header h) {
            type = "Header";
            f.put("profile", h.profile());
            f.put("library", h.library());
        } else if (record instanceof Footer x) {
            type = "Footer";
            f.put("summary_start", x.summaryStart());
            f.put("summary_offset_start", x.summaryOffsetStart());
            f.put("summary_crc", x.summaryCrc());
        } else if (record instanceof Schema s) {
            type = "Schema";
            f.put("id", (long) s.id());
            f.put("name", s.name());
            f.put("encoding", s.encoding());
            f.put("data", s.data());
        } else if (record instanceof Channel c) {
            type = "Channel";
            f.put("id", (long) c.id());
            f.put("schema_id", (long) c.schemaId());
            f.put("topic", c.topic());
            f.put("message_encoding", c.messageEncoding());
            f.put("metadata", c.metadata());
        } else if (record instanceof Message m) {
            type = "Message";
            f.put("channel_id", (long) m.channelId());
            f.put("sequence", m.sequence());
            f.put("log_time", m.logTime());
            f.put("publish_time", m.publishTime());
            f.put("data", m.data());
        } else if (record instanceof Attachment a) {
            type = "Attachment";
            f.put("log_time", a.logTime());
            f.put("create_time", a.createTime());
            f.put("name", a.name());
            f.put("media_type", a.mediaType());
            f.put("data", a.data());
        } else if (record instanceof Metadata m) {
            type = "Metadata";
            f.put("name", m.name());
            f.put("metadata", m.metadata());
        } else if (record instanceof DataEnd d) {
            type = "DataEnd";
            f.put("data_section_crc", d.dataSectionCrc());
        } else if (record instanceof Statistics s) {
            type = "Statistics";
            f.put("message_count", s.messageCount());
            f.put("schema_count", (long) s.schemaCount());
            f.put("channel_count", s.channelCount());
            f.put("attachment_count", s.attachmentCount());
            f.put("metadata_count", s.metadataCount());
            f.put("chunk_count", s.chunkCount());
            f.put("message_start_time", s.messageStartTime());
            f.put("message_end_time", s.messageEndTime());
            f.put("channel_message_counts", s.channelMessageCounts());
        } else if (record instanceof ChunkIndex ci) {
            type = "ChunkIndex";
            f.put("message_start_time", ci.messageStartTime());
            f.put("message_end_time", ci.messageEndTime());
            f.put("chunk_start_offset", ci.chunkStartOffset());
            f.put("chunk_length", ci.chunkLength());
            f.put("message_index_offsets", ci.messageIndexOffsets());
            f.put("message_index_length", ci.messageIndexLength());
            f.put("compression", ci.compression());
            f.put("compressed_size", ci.compressedSize());
            f.put("uncompressed_size", ci.uncompressedSize());
        } else if (record instanceof AttachmentIndex ai) {
            type = "AttachmentIndex";
            f.put("offset", ai.offset());
            f.put("length", ai.length());
            f.put("log_time", ai.logTime());
            f.put("create_time", ai.createTime());
            f.put("data_size", ai.dataSize());
            f.put("name", ai.name());
            f.put("media_type", ai.mediaType());
        } else if (record instanceof MetadataIndex mi) {
            type = "MetadataIndex";
            f.put("offset", mi.offset());
            f.put("length", mi.length());
            f.put("name", mi.name());
        } else if (record instanceof SummaryOffset so) {
            type = "SummaryOffset";
            f.put("group_opcode", (long) so.groupOpcode());
            f.put("group_start", so.groupStart());
            f.put("group_length", so.groupLength());
        } else {
            throw new IllegalArgumentException("no conformance form for " + record);
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", type);
        ArrayNode fields = node.putArray("fields");
        f.forEach((name, value) -> {
            ArrayNode pair = fields.addArray();
            pair.add(name);
            pair.add(value(value));
        });
        return node;
    }

    private static JsonNode value(Object v) {
        if (v instanceof Long l) {
            return MAPPER.getNodeFactory().textNode(Long.toUnsignedString(l));
        }
        if (v instanceof String s) {
            return MAPPER.getNodeFactory().textNode(s);
        }
        if (v instanceof byte[] b) {
            ArrayNode a = MAPPER.createArrayNode();
            for (byte x : b) {
                a.add(Integer.toString(x & 0xFF));
            }
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = MAPPER.createObjectNode();
            m.forEach((k, val) -> o.put(String.valueOf(k),
                    val instanceof Long l ? Long.toUnsignedString(l) : String.valueOf(val)));
            return o;
        }
        throw new IllegalArgumentException(String.valueOf(v));
    }
}
