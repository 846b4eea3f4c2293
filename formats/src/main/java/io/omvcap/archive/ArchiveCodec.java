package io.omvcap.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.util.Map;

/**
 * Encodes the archive's JSON messages, and decodes its CBOR and JSON messages into maps with text
 * keys. The hot CBOR records (packets, channel data, frames) are written by {@link CborWriter}.
 */
public final class ArchiveCodec {
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ArchiveCodec() {
    }

    /** A map as UTF-8 JSON. */
    public static byte[] json(Map<String, ?> map) {
        try {
            return JSON.writeValueAsBytes(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Decodes a message of the given encoding ({@code cbor} or {@code json}) into a map. */
    public static Map<String, Object> decode(String encoding, byte[] data) {
        try {
            ObjectMapper m = Topics.ENCODING_CBOR.equals(encoding) ? CBOR : JSON;
            return m.readValue(data, MAP);
        } catch (IOException e) {
            throw new ArchiveFormatException("malformed " + encoding + " message: " + firstLine(e.getMessage()), e);
        }
    }

    /** JSON text of any value (for metadata values holding lists and maps). */
    public static String jsonText(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text into a value (maps, lists, numbers, strings). */
    public static Object parseJson(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (IOException e) {
            throw new ArchiveFormatException("malformed JSON: " + firstLine(e.getMessage()), e);
        }
    }

    static long asLong(Object o) {
        return o instanceof Number n ? n.longValue() : 0L;
    }

    static int asInt(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    static byte[] asBytes(Object o) {
        return o instanceof byte[] b ? b : new byte[0];
    }

    static String asString(Object o) {
        return o == null ? null : o.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }
}
