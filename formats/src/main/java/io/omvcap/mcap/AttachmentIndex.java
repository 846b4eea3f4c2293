package io.omvcap.mcap;

import java.util.Objects;

/**
 * Attachment Index (op 0x0A, summary section): where an attachment is.
 *
 * @param offset     file offset of the Attachment record
 * @param length     its length including opcode and length prefix
 * @param logTime    the attachment's log time
 * @param createTime the attachment's create time
 * @param dataSize   size of its data
 * @param name       its name
 * @param mediaType  its media type
 */
public record AttachmentIndex(long offset, long length, long logTime, long createTime, long dataSize, String name,
                              String mediaType) implements McapRecord {
    public AttachmentIndex {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
    }

    @Override
    public int opcode() {
        return Opcode.ATTACHMENT_INDEX.code();
    }
}
