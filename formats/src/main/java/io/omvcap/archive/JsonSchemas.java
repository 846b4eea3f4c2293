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

    private static byte[] object(String properties) {
        return ("{\"type\": \"object\", \"properties\": {" + properties + "}}").getBytes(StandardCharsets.UTF_8);
    }
}
