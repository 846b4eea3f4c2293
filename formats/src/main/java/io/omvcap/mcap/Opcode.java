package io.omvcap.mcap;

/** The record opcodes defined by the MCAP specification (major version 0). */
public enum Opcode {
    HEADER(0x01),
    FOOTER(0x02),
    SCHEMA(0x03),
    CHANNEL(0x04),
    MESSAGE(0x05),
    CHUNK(0x06),
    MESSAGE_INDEX(0x07),
    CHUNK_INDEX(0x08),
    ATTACHMENT(0x09),
    ATTACHMENT_INDEX(0x0A),
    STATISTICS(0x0B),
    METADATA(0x0C),
    METADATA_INDEX(0x0D),
    SUMMARY_OFFSET(0x0E),
    DATA_END(0x0F);

    private static final Opcode[] BY_CODE = new Opcode[256];

    static {
        for (Opcode op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** The byte written on disk, 0x01–0x0F. */
    public int code() {
        return code;
    }

    /** The opcode for {@code code} (0–255), or {@code null} when it is not a known record type. */
    public static Opcode of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The record name used in error messages, e.g. {@code MessageIndex}. */
    public String recordName() {
        StringBuilder sb = new StringBuilder();
        for (String part : name().split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }
}
