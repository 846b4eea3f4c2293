package io.omvcap.mcap;

import java.util.Arrays;
import java.util.Objects;

/**
 * Schema (op 0x03): describes how messages of channels referring to it are encoded.
 *
 * @param id       1–65535 (0 is invalid and means "no schema" in a Channel)
 * @param name     schema name, e.g. {@code openmv.Frame}
 * @param encoding schema encoding, e.g. {@code jsonschema}; empty when there is no schema data
 * @param data     schema definition bytes (not copied)
 */
public record Schema(int id, String name, String encoding, byte[] data) implements McapRecord {
    public Schema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public int opcode() {
        return Opcode.SCHEMA.code();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.id == id && s.name.equals(name) && s.encoding.equals(encoding)
                && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, encoding) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Schema[id=" + id + ", name=" + name + ", encoding=" + encoding + ", data=" + data.length + " bytes]";
    }
}
