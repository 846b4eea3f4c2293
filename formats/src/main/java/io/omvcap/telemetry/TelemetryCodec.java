package io.omvcap.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes and encodes CBOR telemetry ({@code protocol.CBORChannel}): a read is an array of maps
 * with integer keys, a host write is an array of {@code {0: name, 2: value}} maps. Decoding is
 * strict about structure and never trusts declared lengths beyond the input: malformed CBOR
 * raises {@link TelemetryFormatException} with a one-line reason.
 */
public final class TelemetryCodec {
    private static final int MAX_NESTING = 16;
    private static final CBORFactory FACTORY = CBORFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();

    private TelemetryCodec() {
    }

    /** Decodes a telemetry read into its fields. */
    public static List<TelemetryField> decode(byte[] cbor) {
        List<TelemetryField> fields = new ArrayList<>();
        for (Map<Integer, Object> map : decodeMaps(cbor)) {
            fields.add(toField(map));
        }
        return fields;
    }

    /** Decodes a host write (array of {0: name, 2: value}) into updates. */
    public static List<TelemetryUpdate> decodeUpdates(byte[] cbor) {
        List<TelemetryUpdate> updates = new ArrayList<>();
        for (Map<Integer, Object> map : decodeMaps(cbor)) {
            Object name = map.get(TelemetryKey.NAME.key());
            if (!(name instanceof String s)) {
                throw new TelemetryFormatException("telemetry update without a string name (key 0)");
            }
            updates.add(new TelemetryUpdate(s, map.get(TelemetryKey.VALUE.key())));
        }
        return updates;
    }

    /**
     * Encodes fields as a telemetry read; key order: name, widget, value, unit, then the rest. Arrays and
     * maps use definite lengths, as micropython-lib's cbor2 writes them.
     */
    public static byte[] encode(List<TelemetryField> fields) {
        return write(gen -> {
            gen.writeStartArray(null, fields.size());
            for (TelemetryField f : fields) {
                Map<TelemetryKey, Object> m = new EnumMap<>(TelemetryKey.class);
                put(m, TelemetryKey.UNIT, f.unit());
                put(m, TelemetryKey.STRING_VALUE, f.stringValue());
                put(m, TelemetryKey.TIME, f.timeMicros());
                put(m, TelemetryKey.UPDATE_TIME, f.updateTime());
                put(m, TelemetryKey.DATA, f.data());
                put(m, TelemetryKey.WIDTH, f.width());
                put(m, TelemetryKey.HEIGHT, f.height());
                put(m, TelemetryKey.MIN, f.min());
                put(m, TelemetryKey.MAX, f.max());
                put(m, TelemetryKey.SLIDER_MIN, f.sliderMin());
                put(m, TelemetryKey.SLIDER_MAX, f.sliderMax());
                put(m, TelemetryKey.STEP, f.step());
                put(m, TelemetryKey.OPTIONS, f.options());
                int entries = 2 + (f.widget() != null ? 1 : 0) + m.size() + f.extra().size();
                gen.writeStartObject(null, entries);
                gen.writeFieldId(TelemetryKey.NAME.key());
                writeValue(gen, f.name());
                if (f.widget() != null) {
                    gen.writeFieldId(TelemetryKey.WIDGET.key());
                    writeValue(gen, f.widget());
                }
                gen.writeFieldId(TelemetryKey.VALUE.key());
                writeValue(gen, f.value());
                for (Map.Entry<TelemetryKey, Object> e : m.entrySet()) {
                    gen.writeFieldId(e.getKey().key());
                    writeValue(gen, e.getValue());
                }
                for (Map.Entry<Integer, Object> e : f.extra().entrySet()) {
                    gen.writeFieldId(e.getKey());
                    writeValue(gen, e.getValue());
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
        });
    }

    /** Encodes host updates as {@code [{0: name, 2: value}, …]}. */
    public static byte[] encodeUpdates(List<TelemetryUpdate> updates) {
        return write(gen -> {
            gen.writeStartArray(null, updates.size());
            for (TelemetryUpdate u : updates) {
                gen.writeStartObject(null, 2);
                gen.writeFieldId(TelemetryKey.NAME.key());
                gen.writeString(u.name());
                gen.writeFieldId(TelemetryKey.VALUE.key());
                writeValue(gen, u.value());
                gen.writeEndObject();
            }
            gen.writeEndArray();
        });
    }

    private static void put(Map<TelemetryKey, Object> m, TelemetryKey k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static List<Map<Integer, Object>> decodeMaps(byte[] cbor) {
        try (JsonParser p = FACTORY.createParser(cbor)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new TelemetryFormatException("telemetry must be a CBOR array of maps");
            }
            List<Map<Integer, Object>> maps = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) {
                    throw new TelemetryFormatException("telemetry array element " + maps.size() + " is not a map");
                }
                maps.add(readIntKeyMap(p));
            }
            if (p.nextToken() != null) {
                throw new TelemetryFormatException("trailing bytes after the telemetry array");
            }
            return maps;
        } catch (TelemetryFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TelemetryFormatException("malformed CBOR telemetry: " + oneLine(e.getMessage()), e);
        }
    }

    private static Map<Integer, Object> readIntKeyMap(JsonParser p) throws IOException {
        Map<Integer, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String keyText = p.currentName();
            int key;
            try {
                key = Integer.parseInt(keyText);
            } catch (NumberFormatException e) {
                throw new TelemetryFormatException("telemetry key '" + keyText + "' is not an integer");
            }
            p.nextToken();
            map.put(key, readValue(p));
        }
        return map;
    }

    private static Object readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new TelemetryFormatException("truncated CBOR telemetry");
        }
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_NUMBER_INT -> {
                Number n = p.getNumberValue();
                yield n instanceof BigInteger b ? b.doubleValue() : n.longValue();
            }
            case VALUE_EMBEDDED_OBJECT -> p.getBinaryValue();
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p));
                }
                yield list;
            }
            case START_OBJECT -> {
                Map<String, Object> map = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    map.put(k, readValue(p));
                }
                yield map;
            }
            default -> throw new TelemetryFormatException("unexpected CBOR token " + t);
        };
    }

    private static TelemetryField toField(Map<Integer, Object> map) {
        Map<Integer, Object> extra = new HashMap<>();
        for (Map.Entry<Integer, Object> e : map.entrySet()) {
            if (TelemetryKey.of(e.getKey()) == null && e.getValue() != null) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        Object name = map.get(TelemetryKey.NAME.key());
        if (!(name instanceof String)) {
            throw new TelemetryFormatException("telemetry field without a string name (key 0)");
        }
        return new TelemetryField((String) name, string(map, TelemetryKey.WIDGET), map.get(TelemetryKey.VALUE.key()),
                string(map, TelemetryKey.UNIT), string(map, TelemetryKey.STRING_VALUE), integer(map, TelemetryKey.TIME),
                number(map, TelemetryKey.UPDATE_TIME), bytes(map, TelemetryKey.DATA), integer(map, TelemetryKey.WIDTH),
                integer(map, TelemetryKey.HEIGHT), number(map, TelemetryKey.MIN), number(map, TelemetryKey.MAX),
                number(map, TelemetryKey.SLIDER_MIN), number(map, TelemetryKey.SLIDER_MAX),
                number(map, TelemetryKey.STEP), options(map), extra);
    }

    private static String string(Map<Integer, Object> m, TelemetryKey k) {
        Object v = m.get(k.key());
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrongType(k, "a string", v);
    }

    private static Double number(Map<Integer, Object> m, TelemetryKey k) {
        Object v = m.get(k.key());
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(k, "a number", v);
    }

    private static Long integer(Map<Integer, Object> m, TelemetryKey k) {
        Object v = m.get(k.key());
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return d.longValue();
        }
        throw wrongType(k, "an integer", v);
    }

    private static byte[] bytes(Map<Integer, Object> m, TelemetryKey k) {
        Object v = m.get(k.key());
        if (v == null || v instanceof byte[]) {
            return (byte[]) v;
        }
        throw wrongType(k, "a byte string", v);
    }

    private static List<String> options(Map<Integer, Object> m) {
        Object v = m.get(TelemetryKey.OPTIONS.key());
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        throw wrongType(TelemetryKey.OPTIONS, "an array", v);
    }

    private static TelemetryFormatException wrongType(TelemetryKey k, String expected, Object v) {
        return new TelemetryFormatException("telemetry key " + k.key() + " (" + k + ") must be " + expected + ", got "
                + v.getClass().getSimpleName());
    }

    private static void writeValue(CBORGenerator gen, Object v) throws IOException {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof Double || v instanceof Float) {
            gen.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            gen.writeNumber(n.longValue());
        } else if (v instanceof String s) {
            gen.writeString(s);
        } else if (v instanceof byte[] b) {
            gen.writeBinary(b);
        } else if (v instanceof List<?> list) {
            gen.writeStartArray(null, list.size());
            for (Object o : list) {
                writeValue(gen, o);
            }
            gen.writeEndArray();
        } else {
            throw new IllegalArgumentException("cannot encode " + v.getClass().getSimpleName() + " as telemetry");
        }
    }

    private interface GeneratorWork {
        void run(CBORGenerator gen) throws IOException;
    }

    private static byte[] write(GeneratorWork work) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (CBORGenerator gen = FACTORY.createGenerator(out)) {
            work.run(gen);
        } catch (IOException e) {
            throw new IllegalStateException("CBOR encoding failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }
}
