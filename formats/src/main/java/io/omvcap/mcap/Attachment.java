package io.omvcap.mcap;

import java.util.Arrays;
import java.util.Objects;

/**
 * Attachment (op 0x09): an auxiliary file, e.g. the executed cam script.
 *
 * @param logTime    when it was recorded, ns
 * @param createTime when it was created, ns, 0 if unknown
 * @param name       file name, e.g. {@code main.py}
 * @param mediaType  media type, e.g. {@code text/x-python}
 * @param data       contents (not copied)
 * @param crc        CRC-32 of the preceding fields as read from disk (0 = none); writers ignore it
 *                   and compute their own
 */
public record Attachment(long logTime, long createTime, String name, String mediaType, byte[] data, long crc)
        implements McapRecord {
    public Attachment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(data, "data");
    }

    /** An attachment to be written; the writer fills in the CRC. */
    public Attachment(long logTime, long createTime, String name, String mediaType, byte[] data) {
        this(logTime, createTime, name, mediaType, data, 0);
    }

    @Override
    public int opcode() {
        return Opcode.ATTACHMENT.code();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && a.logTime == logTime && a.createTime == createTime && a.crc == crc
                && a.name.equals(name) && a.mediaType.equals(mediaType) && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(logTime, createTime, name, mediaType, crc) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Attachment[name=" + name + ", mediaType=" + mediaType + ", logTime=" + Long.toUnsignedString(logTime)
                + ", data=" + data.length + " bytes]";
    }
}
