package io.omvcap.mcap;

/**
 * One MCAP record. Implementations are immutable values, except that byte-array fields are not
 * copied: a record owns the arrays it was built with, and callers must not change them.
 */
public sealed interface McapRecord
        permits Header, Footer, Schema, Channel, Message, Chunk, MessageIndex, ChunkIndex, Attachment,
        AttachmentIndex, Statistics, Metadata, MetadataIndex, SummaryOffset, DataEnd, UnknownRecord {

    /** The opcode byte of this record on disk. */
    int opcode();
}
