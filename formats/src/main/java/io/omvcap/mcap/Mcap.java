package io.omvcap.mcap;

/** Format constants shared by the readers and the writer; defined once, here. */
public final class Mcap {
    /** File magic at both ends: 0x89 'M' 'C' 'A' 'P' '0' '\r' '\n' (major version 0). */
    private static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', 0x30, '\r', '\n'};
    /** Length of the magic. */
    public static final int MAGIC_LENGTH = 8;
    /** Opcode byte plus uint64 content length in front of every record. */
    public static final int RECORD_HEADER_LENGTH = 9;
    /** Content length of a Footer record: summary_start, summary_offset_start, summary_crc. */
    public static final int FOOTER_CONTENT_LENGTH = 20;
    /** Footer record plus trailing magic: what an indexed reader reads from the end of a file. */
    public static final int FOOTER_AND_MAGIC_LENGTH = RECORD_HEADER_LENGTH + FOOTER_CONTENT_LENGTH + MAGIC_LENGTH;
    /** Footer bytes covered by the summary CRC: opcode, length, summary_start, summary_offset_start. */
    public static final int FOOTER_CRC_PREFIX_LENGTH = RECORD_HEADER_LENGTH + 16;
    /** Largest byte array the JVM reliably allocates; records must fit in one. */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 16;

    private Mcap() {
    }

    /** A fresh copy of the magic bytes. */
    public static byte[] magic() {
        return MAGIC.clone();
    }

    /** Whether {@code len >= 8} bytes at {@code off} are the MCAP magic. */
    public static boolean isMagic(byte[] buf, int off, int len) {
        if (len < MAGIC_LENGTH || off < 0 || off + MAGIC_LENGTH > buf.length) {
            return false;
        }
        for (int i = 0; i < MAGIC_LENGTH; i++) {
            if (buf[off + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
