package io.omvcap.cli;

import io.omvcap.archive.ArchiveFormatException;
import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.ChannelTopic;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.EventRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.FrameRecord;
import io.omvcap.archive.PacketRecord;
import io.omvcap.archive.PacketView;
import io.omvcap.archive.WireChunk;
import io.omvcap.archive.Topics;
import io.omvcap.mcap.OneLine;
import io.omvcap.payload.PacketSummary;
import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryField;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders archived messages for {@code omvcap cat}: telemetry as fields, frames as a summary
 * line, text as text, packets like {@code decode}; other MCAP encodings generically.
 */
public final class MessageFormatter {
    private static final int PREVIEW = 32;

    private MessageFormatter() {
    }

    /**
     * One text line (without the time and topic columns). A message that does not decode, whatever
     * is wrong with it, is one "undecodable" line, so the messages after it are still printed.
     */
    public static String text(ArchivedMessage m) {
        try {
            return printable(textOrThrow(m));
        } catch (RuntimeException e) {
            return printable("(undecodable " + m.encoding() + ", " + m.data().length + " bytes: " + problem(e) + ")");
        }
    }

    /**
     * {@code s} with control characters written as escapes (see {@link OneLine}), so whatever a
     * file holds, one message stays one line.
     */
    public static String printable(String s) {
        return OneLine.of(s);
    }

    /** What is wrong with a message, in one line; unexpected exception types are named. */
    private static String problem(RuntimeException e) {
        boolean expected = e instanceof ArchiveFormatException || e instanceof WireFormatException
                || e instanceof IllegalArgumentException;
        String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return expected ? m : e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
    }

    /** A JSON-ready map with the decoded content. */
    public static Map<String, Object> json(ArchivedMessage m) {
        Map<String, Object> out = header(m.logTime(), m.topic());
        try {
            out.put("data", jsonData(m));
        } catch (RuntimeException e) {
            out.put("error", problem(e));
            out.put("hex", HexFormat.of().formatHex(m.data()));
        }
        return out;
    }

    /** One text line for a transport chunk. */
    public static String text(WireChunk w) {
        return w.length() + " bytes " + hexPreview(w.array(), w.arrayOffset(), w.length());
    }

    /** One text line for a packet, like {@code decode}. */
    public static String text(PacketView p) {
        if (!p.valid()) {
            return p.dir().shortName() + " INVALID " + p.reason() + " (" + p.consumed() + " bytes)";
        }
        String summary;
        try {
            summary = PacketSummary.text(PacketSummary.describe(p.packet(), p.dir()));
        } catch (WireFormatException | IllegalArgumentException e) {
            summary = "(undecodable payload: " + e.getMessage() + ")";
        }
        return String.format("%s seq=%-3d ch=%-2d %-14s %-18s len=%-5d %s", p.dir().shortName(), p.seq(),
                p.channel(), Opcode.nameOf(p.opcode()), Flag.describe(p.flags()), p.length(), summary).stripTrailing();
    }

    /** A JSON-ready map for a transport chunk. */
    public static Map<String, Object> json(WireChunk w) {
        Map<String, Object> out = header(w.logTime(), Topics.wire(w.dir()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connection", w.connection());
        data.put("offset", w.offset());
        data.put("hex", HexFormat.of().formatHex(w.array(), w.arrayOffset(), w.arrayOffset() + w.length()));
        out.put("data", data);
        return out;
    }

    /** A JSON-ready map for a packet: its record fields, and names and a payload summary when valid. */
    public static Map<String, Object> json(PacketView p) {
        Map<String, Object> out = header(p.logTime(), Topics.PACKETS);
        Map<String, Object> map = jsonSafe(p.toRecord().toMap());
        if (p.valid()) {
            map.put("opcode_name", Opcode.nameOf(p.opcode()));
            map.put("flag_names", Flag.names(p.flags()));
            try {
                map.put("summary", PacketSummary.describe(p.packet(), p.dir()));
            } catch (WireFormatException | IllegalArgumentException e) {
                map.put("summary_error", e.getMessage());
            }
        }
        out.put("data", map);
        return out;
    }

    private static Map<String, Object> header(long time, String topic) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("time_ns", time);
        out.put("time", TimeArg.format(time));
        out.put("topic", topic);
        return out;
    }

    private static String textOrThrow(ArchivedMessage m) {
        String topic = m.topic();
        if (topic.equals(Topics.WIRE_H2C) || topic.equals(Topics.WIRE_C2H)) {
            return m.data().length + " bytes " + hexPreview(m.data());
        }
        if (topic.equals(Topics.PACKETS)) {
            PacketRecord p = PacketRecord.fromMap(m.decodeMap());
            if (!p.valid()) {
                return p.dir().shortName() + " INVALID " + p.reason() + " (" + p.consumed() + " bytes)";
            }
            return String.format("%s seq=%-3d ch=%-2d %-14s %-18s len=%-5d %s", p.dir().shortName(), p.seq(),
                    p.channel(), Opcode.nameOf(p.opcode()), Flag.describe(p.flags()), p.length(),
                    PacketSummary.text(PacketSummary.describe(p.packet(), p.dir()))).stripTrailing();
        }
        if (topic.equals(Topics.STDOUT)) {
            return escape(String.valueOf(m.decodeMap().get("text")));
        }
        if (topic.equals(Topics.EVENTS)) {
            EventRecord e = EventRecord.fromMap(m.decodeMap());
            return e.name() + " on " + e.kind() + " channel " + e.channelId()
                    + (e.channel() != null ? " (" + e.channel() + ")" : "");
        }
        if (topic.equals(Topics.SESSION)) {
            LifecycleEvent e = LifecycleEvent.fromMap(m.decodeMap());
            return e.kind().wireName() + (e.detail().isEmpty() ? "" : ": " + e.detail())
                    + (e.extra().isEmpty() ? "" : " " + e.extra());
        }
        if (topic.equals(Topics.DEVICE)) {
            DeviceFacts d = DeviceFacts.fromMap(m.decodeMap());
            return (d.version() != null ? "firmware " + d.version().firmware() + ", " : "") + d.channels().size()
                    + " channels " + d.channels();
        }
        ChannelTopic kind = Topics.kindOf(topic);
        if (kind == ChannelTopic.TELEMETRY) {
            return TelemetryCodec.decode(m.data()).stream().map(TelemetryField::toString)
                    .collect(Collectors.joining(", "));
        }
        if (kind == ChannelTopic.FRAME) {
            FrameRecord f = FrameRecord.fromMap(m.decodeMap());
            return f.width() + "x" + f.height() + " " + f.format() + " " + f.data().length + " bytes";
        }
        if (kind == ChannelTopic.READ || kind == ChannelTopic.WRITE) {
            Map<String, Object> map = m.decodeMap();
            byte[] data = map.get("data") instanceof byte[] b ? b : new byte[0];
            return "offset " + map.get("offset") + ", " + data.length + " bytes " + preview(data);
        }
        return switch (m.encoding()) {
            case Topics.ENCODING_JSON -> new String(m.data(), StandardCharsets.UTF_8);
            case Topics.ENCODING_CBOR -> Json.line(jsonSafe(m.decodeMap()));
            default -> m.data().length + " bytes " + preview(m.data());
        };
    }

    private static Object jsonData(ArchivedMessage m) {
        String topic = m.topic();
        if (topic.equals(Topics.WIRE_H2C) || topic.equals(Topics.WIRE_C2H)) {
            return Map.of("hex", HexFormat.of().formatHex(m.data()));
        }
        ChannelTopic kind = Topics.kindOf(topic);
        if (kind == ChannelTopic.TELEMETRY) {
            return TelemetryCodec.decode(m.data()).stream().map(MessageFormatter::field).toList();
        }
        if (kind == ChannelTopic.FRAME) {
            FrameRecord f = FrameRecord.fromMap(m.decodeMap());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("channel", f.channel());
            out.put("width", f.width());
            out.put("height", f.height());
            out.put("format", f.format());
            out.put("bytes", f.data().length);
            return out;
        }
        if (topic.equals(Topics.PACKETS)) {
            Map<String, Object> map = jsonSafe(m.decodeMap());
            PacketRecord p = PacketRecord.fromMap(m.decodeMap());
            if (p.valid()) {
                map.put("opcode_name", Opcode.nameOf(p.opcode()));
                map.put("flag_names", Flag.names(p.flags()));
                map.put("summary", PacketSummary.describe(p.packet(), p.dir()));
            }
            return map;
        }
        return switch (m.encoding()) {
            case Topics.ENCODING_JSON, Topics.ENCODING_CBOR -> jsonSafe(m.decodeMap());
            default -> Map.of("hex", HexFormat.of().formatHex(m.data()));
        };
    }

    private static Map<String, Object> field(TelemetryField f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("value", f.value());
        if (f.unit() != null) {
            m.put("unit", f.unit());
        }
        if (f.widget() != null) {
            m.put("widget", f.widget());
        }
        if (f.data() != null) {
            m.put("data_bytes", f.data().length);
        }
        return m;
    }

    /** Byte arrays become hex strings so the map renders as JSON. */
    private static Map<String, Object> jsonSafe(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, v instanceof byte[] b ? HexFormat.of().formatHex(b) : v));
        return out;
    }

    private static String preview(byte[] d) {
        int n = Math.min(d.length, PREVIEW);
        for (int i = 0; i < n; i++) {
            int b = d[i] & 0xFF;
            if ((b < 0x20 || b > 0x7E) && b != '\n' && b != '\r' && b != '\t') {
                return hexPreview(d);
            }
        }
        return "\"" + escape(new String(d, 0, n, StandardCharsets.UTF_8)) + (d.length > n ? "…" : "") + "\"";
    }

    private static String hexPreview(byte[] d) {
        return hexPreview(d, 0, d.length);
    }

    private static String hexPreview(byte[] d, int off, int len) {
        int n = Math.min(len, PREVIEW);
        return HexFormat.of().formatHex(d, off, off + n) + (len > n ? "…" : "");
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
