package io.omvcap.archive;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reassembled read or a joined host write on a device channel.
 *
 * @param channelId channel id
 * @param channel   channel name
 * @param offset    byte offset the transfer started at
 * @param data      the bytes
 */
public record ChannelData(int channelId, String channel, long offset, byte[] data) {
    /** The CBOR bytes written to the archive: the fields of {@link #toMap()}. */
    public byte[] toCbor() {
        return new CborWriter().map(4).put("channel_id", channelId).put("channel", channel).put("offset", offset)
                .put("data", data).toByteArray();
    }

    /** The CBOR map written to the archive. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel_id", channelId);
        m.put("channel", channel);
        m.put("offset", offset);
        m.put("data", data);
        return m;
    }

    /** Reads a record back from its map. */
    public static ChannelData fromMap(Map<String, Object> m) {
        return new ChannelData(ArchiveCodec.asInt(m.get("channel_id")), ArchiveCodec.asString(m.get("channel")),
                ArchiveCodec.asLong(m.get("offset")), ArchiveCodec.asBytes(m.get("data")));
    }
}
