package io.omvcap.wire;

/**
 * Packet opcodes. Packets carry the raw opcode byte; firmware keeps adding opcodes, so an unknown
 * value is data to preserve ({@link #of(int)} returns {@code null}), never an error.
 */
public enum Opcode {
    PROTO_SYNC(0x00),
    PROTO_GET_CAPS(0x01),
    PROTO_SET_CAPS(0x02),
    PROTO_STATS(0x03),
    PROTO_VERSION(0x04),
    SYS_RESET(0x10),
    SYS_BOOT(0x11),
    SYS_INFO(0x12),
    SYS_EVENT(0x13),
    /** Memory statistics; newer firmware only, the official SDK lacks it. */
    SYS_MEMORY(0x14),
    CHANNEL_LIST(0x20),
    CHANNEL_POLL(0x21),
    CHANNEL_LOCK(0x22),
    CHANNEL_UNLOCK(0x23),
    CHANNEL_SHAPE(0x24),
    CHANNEL_SIZE(0x25),
    CHANNEL_READ(0x26),
    CHANNEL_WRITE(0x27),
    CHANNEL_IOCTL(0x28),
    CHANNEL_EVENT(0x29);

    /** Opcodes at or below this value are protocol/system opcodes and must use channel 0. */
    public static final int LAST_SYSTEM_CODE = 0x1F;

    private static final Opcode[] BY_CODE = new Opcode[256];

    static {
        for (Opcode o : values()) {
            BY_CODE[o.code] = o;
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** The opcode byte. */
    public int code() {
        return code;
    }

    /** The opcode for {@code code}, or {@code null} when it is not one we know. */
    public static Opcode of(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }

    /** The name of {@code code}, or {@code 0xNN} for an unknown opcode. */
    public static String nameOf(int code) {
        Opcode o = of(code);
        return o != null ? o.name() : String.format("0x%02X", code & 0xFF);
    }

    /** Whether {@code code} is a protocol or system opcode (only valid on channel 0). */
    public static boolean isSystem(int code) {
        return code <= LAST_SYSTEM_CODE;
    }
}
