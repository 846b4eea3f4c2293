package io.omvcap.archive;

import java.nio.charset.StandardCharsets;

/** The JSON Schemas of the archive's {@code json} topics, so generic viewers can show their fields. */
final class JsonSchemas {
    static final String ENCODING = "jsonschema";

    private JsonSchemas() {
    }

    static byte[] stdout() {
        return object("""
                "text": {"type": "string"}""");
    }

    static byte[] event() {
        return object("""
                "channel_id": {"type": "integer"}, "channel": {"type": ["string", "null"]},
                "kind": {"type": "string", "enum": ["system", "channel"]}, "code": {"type": "integer"},
                "name": {"type": "string"}""");
    }

    static byte[] device() {
        return object("""
                "version": {"type": "object"}, "sys_info": {"type": "object"}, "caps": {"type": "object"},
                "channels": {"type": "array", "items": {"type": "object"}}""");
    }

    static byte[] lifecycle() {
        return object("""
                "kind": {"type": "string"}, "detail": {"type": "string"}""");
    }

    static byte[] stats() {
        return object("""
                "packets": {"type": "integer"}, "bytes_in": {"type": "integer"}, "bytes_out": {"type": "integer"}""");
    }

    /**
     * A {@code json} topic of the layout with its schema, and the fields every one of its messages
     * has (enough to tell the topics apart).
     */
    record JsonTopic(String topic, String schemaName, byte[] schema, java.util.Set<String> fields) {
    }

    /** The json topics; schema names as the writer registers them. */
    static final java.util.List<JsonTopic> TOPICS = java.util.List.of(
            new JsonTopic(Topics.SESSION, "omvcap.Lifecycle", lifecycle(), java.util.Set.of("kind", "detail")),
            new JsonTopic(Topics.EVENTS, "omvcap.Event", event(), java.util.Set.of("channel_id", "kind", "code", "name")),
            new JsonTopic(Topics.DEVICE, "omvcap.Device", device(), java.util.Set.of("channels")),
            new JsonTopic(Topics.STATS, "omvcap.RecorderStats", stats(), java.util.Set.of("packets", "bytes_in", "bytes_out")),
            new JsonTopic(Topics.STDOUT, "omvcap.Stdout", stdout(), java.util.Set.of("text")));

    /** The topic whose fields {@code message} has (exactly {@code text} for stdout), or null. */
    static JsonTopic identify(java.util.Map<String, Object> message) {
        for (JsonTopic t : TOPICS) {
            boolean stdout = t.topic().equals(Topics.STDOUT);
            if (stdout ? message.keySet().equals(t.fields()) : message.keySet().containsAll(t.fields())) {
                return t;
            }
        }
        return null;
    }

    private static byte[] object(String properties) {
        return ("{\"type\": \"object\", \"properties\": {" + properties + "}}").getBytes(StandardCharsets.UTF_8);
    }
}
