package io.omvcap.mcap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Channel (op 0x04): a topic with its message encoding and schema.
 *
 * @param id              0–65535, unique in the file
 * @param schemaId        the schema of its messages, 0 for none
 * @param topic           topic name
 * @param messageEncoding message encoding, e.g. {@code cbor}
 * @param metadata        free-form string pairs (copied, insertion order kept)
 */
public record Channel(int id, int schemaId, String topic, String messageEncoding, Map<String, String> metadata)
        implements McapRecord {
    public Channel {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(messageEncoding, "messageEncoding");
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    @Override
    public int opcode() {
        return Opcode.CHANNEL.code();
    }
}
