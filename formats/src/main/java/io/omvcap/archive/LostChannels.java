package io.omvcap.archive;

import io.omvcap.mcap.Channel;
import io.omvcap.mcap.ChannelRebuilder;
import io.omvcap.mcap.Message;
import io.omvcap.mcap.Schema;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds the Channel record of a session-archive topic whose own was lost with a corrupt chunk,
 * from what {@code docs/archive-format.md} fixes: topic names, encodings, schemas and each
 * record's fields. A message whose fields name its topic gets that topic back ({@code /session},
 * {@code /stdout}, {@code /events}, {@code /device}, {@code /recorder/stats}, the stored
 * {@code /packets} of layout-1 archives, a channel's {@code frame}); any other keeps its bytes on
 * {@code /recovered/channel-ID} as raw bytes (a read and a write, the two wire directions — layout-2
 * wire batches of either direction carry the same fields — or telemetry of an unknown channel look
 * alike), so nothing is dropped and nothing is put on a topic it may not belong to. Every rebuilt
 * channel says so in its metadata ({@value #REBUILT_KEY}).
 */
public final class LostChannels implements ChannelRebuilder {
    /** Channel metadata key marking a rebuilt channel; the value says how its topic was found. */
    public static final String REBUILT_KEY = "omvcap.rebuilt";
    /** Topic prefix of channels whose topic could not be told. */
    public static final String RECOVERED_PREFIX = "/recovered/channel-";
    private static final String SOURCE = "the archive layout";

    @Override
    public Rebuilt rebuild(int channelId, Message message) {
        byte[] data = message.data();
        if (looksLikeJsonObject(data)) {
            Rebuilt r = json(channelId, data);
            if (r != null) {
                return r;
            }
        } else {
            Rebuilt r = cbor(channelId, data);
            if (r != null) {
                return r;
            }
        }
        return new Rebuilt(new Channel(channelId, 0, RECOVERED_PREFIX + channelId, Topics.ENCODING_RAW,
                Map.of(REBUILT_KEY, "topic unknown; the message bytes are kept as they were")), null, SOURCE);
    }

    private static Rebuilt json(int id, byte[] data) {
        Map<String, Object> m;
        try {
            m = ArchiveCodec.decode(Topics.ENCODING_JSON, data);
        } catch (RuntimeException e) {
            return null;
        }
        JsonSchemas.JsonTopic t = JsonSchemas.identify(m);
        if (t == null) {
            return null;
        }
        Schema schema = new Schema(0, t.schemaName(), JsonSchemas.ENCODING, t.schema());
        return known(id, t.topic(), Topics.ENCODING_JSON, schema);
    }

    private static Rebuilt cbor(int id, byte[] data) {
        if (data.length == 0 || (data[0] & 0xE0) != 0xA0) {
            return null; // not a CBOR map: telemetry (an array) or raw bytes
        }
        Map<String, Object> m;
        try {
            m = ArchiveCodec.decode(Topics.ENCODING_CBOR, data);
        } catch (RuntimeException e) {
            return null;
        }
        if (m.keySet().containsAll(Set.of("dir", "offset", "valid", "consumed")) || m.keySet().containsAll(
                Set.of("dir", "offset", "seq", "opcode", "valid"))) {
            return known(id, Topics.PACKETS, Topics.ENCODING_CBOR, null);
        }
        if (m.keySet().containsAll(Set.of("channel", "width", "height", "pixformat", "format", "data"))
                && m.get("channel") instanceof String name) {
            return known(id, Topics.channel(name, ChannelTopic.FRAME), Topics.ENCODING_CBOR, null);
        }
        return null;
    }

    private static Rebuilt known(int id, String topic, String encoding, Schema schema) {
        // the schema's id is chosen by the recovery (0 here: no id of its own)
        return new Rebuilt(new Channel(id, 0, topic, encoding, Map.of(REBUILT_KEY, "topic told by the message fields")),
                schema, SOURCE);
    }

    private static boolean looksLikeJsonObject(byte[] data) {
        for (byte b : data) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }
}
