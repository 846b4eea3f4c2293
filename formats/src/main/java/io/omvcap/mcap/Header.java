package io.omvcap.mcap;

import java.util.Objects;

/**
 * Header (op 0x01): the first record of every file.
 *
 * @param profile which conventions the file follows, e.g. {@code openmv}; may be empty
 * @param library free-form writer name and version, e.g. {@code omvcap 0.1.0}
 */
public record Header(String profile, String library) implements McapRecord {
    public Header {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(library, "library");
    }

    @Override
    public int opcode() {
        return Opcode.HEADER.code();
    }
}
