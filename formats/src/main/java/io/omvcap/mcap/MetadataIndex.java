package io.omvcap.mcap;

import java.util.Objects;

/**
 * Metadata Index (op 0x0D, summary section): where a metadata record is.
 *
 * @param offset file offset of the Metadata record
 * @param length its length including opcode and length prefix
 * @param name   its name
 */
public record MetadataIndex(long offset, long length, String name) implements McapRecord {
    public MetadataIndex {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public int opcode() {
        return Opcode.METADATA_INDEX.code();
    }
}
