package io.omvcap.archive;

import java.util.Map;

/**
 * One message read back from an archive, with its topic and encoding resolved.
 *
 * @param topic    topic
 * @param encoding message encoding
 * @param schema   schema name, or empty
 * @param logTime  epoch nanoseconds
 * @param sequence the message's sequence number
 * @param data     message bytes
 */
public record ArchivedMessage(String topic, String encoding, String schema, long logTime, long sequence, byte[] data) {
    /** Decodes a {@code cbor} or {@code json} message into a map. */
    public Map<String, Object> decodeMap() {
        return ArchiveCodec.decode(encoding, data);
    }
}
