package io.omvcap.archive;

import io.omvcap.payload.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event from the cam on {@code /events}.
 *
 * @param channelId channel id (0 for system events)
 * @param channel   channel name, or {@code null} when unknown
 * @param kind      {@code system} or {@code channel}
 * @param code      event code ({@link Event#NOTIFY} for notifications)
 * @param name      readable name
 */
public record EventRecord(int channelId, String channel, String kind, int code, String name) {
    /** The record of a decoded event. */
    public static EventRecord of(Event e, String channelName) {
        return new EventRecord(e.channel(), channelName, e.isSystem() ? "system" : "channel", e.code(), e.describe());
    }

    /** The JSON map written to the archive. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel_id", channelId);
        m.put("channel", channel);
        m.put("kind", kind);
        m.put("code", code);
        m.put("name", name);
        return m;
    }

    /** Reads a record back from its map. */
    public static EventRecord fromMap(Map<String, Object> m) {
        return new EventRecord(ArchiveCodec.asInt(m.get("channel_id")), ArchiveCodec.asString(m.get("channel")),
                ArchiveCodec.asString(m.get("kind")), ArchiveCodec.asInt(m.get("code")),
                ArchiveCodec.asString(m.get("name")));
    }
}
