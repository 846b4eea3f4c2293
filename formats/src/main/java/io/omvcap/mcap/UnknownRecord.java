package io.omvcap.mcap;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record whose opcode this library does not know (a future MCAP record or an application
 * extension, 0x80–0xFF). Readers hand it over instead of failing, so callers can skip or keep it.
 *
 * @param opcode  the opcode byte, 0x10–0xFF
 * @param content the record content (not copied)
 */
public record UnknownRecord(int opcode, byte[] content) implements McapRecord {
    public UnknownRecord {
        Objects.requireNonNull(content, "content");
        if (opcode < 1 || opcode > 0xFF || Opcode.of(opcode) != null) {
            throw new IllegalArgumentException("not an unknown opcode: " + opcode);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownRecord u && u.opcode == opcode && Arrays.equals(u.content, content);
    }

    @Override
    public int hashCode() {
        return opcode * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "UnknownRecord[opcode=0x" + Integer.toHexString(opcode) + ", content=" + content.length + " bytes]";
    }
}
