package io.omvcap.mcap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Metadata (op 0x0C): named string pairs, e.g. device facts or session facts.
 *
 * @param name     record name, e.g. {@code session}
 * @param metadata the pairs (copied, insertion order kept)
 */
public record Metadata(String name, Map<String, String> metadata) implements McapRecord {
    public Metadata {
        Objects.requireNonNull(name, "name");
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    @Override
    public int opcode() {
        return Opcode.METADATA.code();
    }
}
