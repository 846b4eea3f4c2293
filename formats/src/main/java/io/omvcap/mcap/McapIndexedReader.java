package io.omvcap.mcap;

import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Random access to a finished MCAP file through its footer and summary: schemas, channels,
 * statistics, chunk/attachment/metadata indexes, and messages filtered by time and topic read from
 * only the chunks that can hold them ({@link #readMessages}). Opening reads the header, the footer
 * and the summary (CRC-checked), never the data section. A file without a summary fails with
 * {@link McapNoSummaryException}; a truncated or unfinished file with another
 * {@link McapFormatException}: scan those with {@link McapStreamReader} or repair them with
 * {@link McapRecovery}. Every offset and length read from the file is checked against the file
 * before use. Not thread-safe.
 */
public final class McapIndexedReader implements Closeable {
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MIN_FILE_SIZE = Mcap.MAGIC_LENGTH + Mcap.RECORD_HEADER_LENGTH + 8
            + Mcap.FOOTER_AND_MAGIC_LENGTH;
    private static final int SUMMARY_READ_BLOCK = 1 << 20;

    private final SeekableByteChannel channel;
    private final McapReadOptions options;
    private final long size;
    private Header header;
    private long dataStart;
    private Footer footer;
    private long footerOffset;
    private final Map<Integer, Schema> schemas = new TreeMap<>();
    private final Map<Integer, Channel> channels = new TreeMap<>();
    private final List<ChunkIndex> chunkIndexes = new ArrayList<>();
    private final List<AttachmentIndex> attachmentIndexes = new ArrayList<>();
    private final List<MetadataIndex> metadataIndexes = new ArrayList<>();
    private final List<SummaryOffset> summaryOffsets = new ArrayList<>();
    private Statistics statistics;
    private byte[] window;
    private long windowStart;

    private McapIndexedReader(SeekableByteChannel channel, McapReadOptions options) throws IOException {
        this.channel = channel;
        this.options = options;
        this.size = channel.size();
    }

    /** Opens {@code file} with default options. */
    public static McapIndexedReader open(Path file) throws IOException {
        return open(FileChannel.open(file, StandardOpenOption.READ), McapReadOptions.DEFAULT);
    }

    /** Reads the header, footer and summary of {@code channel}; the reader closes the channel. */
    public static McapIndexedReader open(SeekableByteChannel channel, McapReadOptions options) throws IOException {
        McapIndexedReader r = new McapIndexedReader(channel, options);
        try {
            r.readHeader();
            r.readFooter();
            r.readSummary();
            return r;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The Header record at the start of the file. */
    public Header header() {
        return header;
    }

    /** The Footer record at the end of the file. */
    public Footer footer() {
        return footer;
    }

    /** Schemas by id, from the summary. */
    public Map<Integer, Schema> schemas() {
        return Collections.unmodifiableMap(schemas);
    }

    /** Channels by id, from the summary. */
    public Map<Integer, Channel> channels() {
        return Collections.unmodifiableMap(channels);
    }

    /** The Statistics record, if the summary has one. */
    public Optional<Statistics> statistics() {
        return Optional.ofNullable(statistics);
    }

    /** Chunk indexes in summary order (normally file order). */
    public List<ChunkIndex> chunkIndexes() {
        return Collections.unmodifiableList(chunkIndexes);
    }

    /** Attachment indexes; read one with {@link #readAttachment}. */
    public List<AttachmentIndex> attachmentIndexes() {
        return Collections.unmodifiableList(attachmentIndexes);
    }

    /** Metadata indexes; read one with {@link #readMetadata}. */
    public List<MetadataIndex> metadataIndexes() {
        return Collections.unmodifiableList(metadataIndexes);
    }

    /** Summary offsets, one per summary record group. */
    public List<SummaryOffset> summaryOffsets() {
        return Collections.unmodifiableList(summaryOffsets);
    }

    /**
     * Messages matching {@code filter} in log-time order (ties in file order). Only messages in
     * chunks listed by the summary are found; messages outside chunks are not indexed.
     */
    public MessageCursor readMessages(MessageFilter filter) {
        Set<Integer> ids = new HashSet<>();
        for (Channel c : channels.values()) {
            if (filter.includes(c)) {
                ids.add(c.id());
            }
        }
        return new MessageCursor(this, filter, ids);
    }

    /** Reads and CRC-checks the attachment {@code index} points to. */
    public Attachment readAttachment(AttachmentIndex index) throws IOException {
        return (Attachment) readIndexed(index.offset(), index.length(), Opcode.ATTACHMENT);
    }

    /** Reads the metadata record {@code index} points to. */
    public Metadata readMetadata(MetadataIndex index) throws IOException {
        return (Metadata) readIndexed(index.offset(), index.length(), Opcode.METADATA);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void readHeader() throws IOException {
        if (size < MIN_FILE_SIZE) {
            throw new McapFormatException("file of " + size + " bytes is too small to be a finished MCAP file", 0);
        }
        byte[] start = read(0, Mcap.MAGIC_LENGTH + Mcap.RECORD_HEADER_LENGTH);
        if (!Mcap.isMagic(start, 0, Mcap.MAGIC_LENGTH)) {
            throw new McapFormatException("bad magic at start of file", 0);
        }
        long length = (long) LE_LONG.get(start, Mcap.MAGIC_LENGTH + 1);
        if (start[Mcap.MAGIC_LENGTH] != Opcode.HEADER.code()) {
            throw new McapFormatException("expected Header record", Mcap.MAGIC_LENGTH);
        }
        long limit = size - Mcap.MAGIC_LENGTH - Mcap.RECORD_HEADER_LENGTH - Mcap.FOOTER_AND_MAGIC_LENGTH;
        if (length < 0 || length > limit) {
            throw new McapFormatException("record length " + Long.toUnsignedString(length) + " exceeds remaining "
                    + limit + " bytes", Mcap.MAGIC_LENGTH);
        }
        byte[] body = read(Mcap.MAGIC_LENGTH + Mcap.RECORD_HEADER_LENGTH, (int) length);
        header = (Header) RecordParser.parse(Opcode.HEADER.code(), body, 0, body.length, Mcap.MAGIC_LENGTH, -1, false);
        dataStart = Mcap.MAGIC_LENGTH + Mcap.RECORD_HEADER_LENGTH + length;
    }

    private void readFooter() throws IOException {
        footerOffset = size - Mcap.FOOTER_AND_MAGIC_LENGTH;
        byte[] tail = read(footerOffset, Mcap.FOOTER_AND_MAGIC_LENGTH);
        if (!Mcap.isMagic(tail, tail.length - Mcap.MAGIC_LENGTH, Mcap.MAGIC_LENGTH)) {
            throw new McapFormatException("bad magic at end of file (truncated or unfinished?)",
                    size - Mcap.MAGIC_LENGTH);
        }
        if (tail[0] != Opcode.FOOTER.code() || (long) LE_LONG.get(tail, 1) != Mcap.FOOTER_CONTENT_LENGTH) {
            throw new McapFormatException("no footer record before the closing magic", footerOffset);
        }
        footer = (Footer) RecordParser.parse(Opcode.FOOTER.code(), tail, Mcap.RECORD_HEADER_LENGTH,
                Mcap.FOOTER_CONTENT_LENGTH, footerOffset, -1, false);
        if (footer.summaryStart() == 0) {
            throw new McapNoSummaryException(footerOffset);
        }
        if (footer.summaryStart() < dataStart || footer.summaryStart() > footerOffset) {
            throw new McapFormatException("footer summary_start " + Long.toUnsignedString(footer.summaryStart())
                    + " is outside the file's records", footerOffset);
        }
    }

    private void readSummary() throws IOException {
        CRC32 crc = new CRC32();
        long pos = footer.summaryStart();
        while (pos < footerOffset) {
            long left = footerOffset - pos - Mcap.RECORD_HEADER_LENGTH;
            if (left < 0) {
                throw new McapFormatException("truncated record header in summary", pos);
            }
            int h = window(pos, Mcap.RECORD_HEADER_LENGTH);
            int opcode = window[h] & 0xFF;
            long len = (long) LE_LONG.get(window, h + 1);
            if (len < 0 || len > left) {
                throw new McapFormatException("record length " + Long.toUnsignedString(len) + " exceeds remaining "
                        + left + " bytes of summary", pos);
            }
            if (len > options.maxRecordLength()) {
                throw new McapFormatException("record length " + len + " exceeds limit " + options.maxRecordLength(), pos);
            }
            int total = Mcap.RECORD_HEADER_LENGTH + (int) len;
            int at = window(pos, total);
            crc.update(window, at, total);
            summaryRecord(opcode, window, at + Mcap.RECORD_HEADER_LENGTH, (int) len, pos);
            pos += total;
        }
        window = null;
        if (options.validateCrcs() && footer.summaryCrc() != 0) {
            byte[] prefix = read(footerOffset, Mcap.FOOTER_CRC_PREFIX_LENGTH);
            crc.update(prefix, 0, prefix.length);
            if (crc.getValue() != footer.summaryCrc()) {
                throw new McapFormatException("summary CRC mismatch (computed " + crc.getValue() + ", stored "
                        + footer.summaryCrc() + ")", footer.summaryStart());
            }
        }
    }

    /**
     * Makes summary bytes {@code [pos, pos+n)} available in {@link #window}, reading blocks of up
     * to 1 MiB (never past the footer); returns the index of {@code pos} in it.
     */
    private int window(long pos, int n) throws IOException {
        if (window == null || pos < windowStart || pos + n > windowStart + window.length) {
            int want = (int) Math.max(n, Math.min(SUMMARY_READ_BLOCK, footerOffset - pos));
            window = read(pos, want);
            windowStart = pos;
        }
        return (int) (pos - windowStart);
    }

    private void summaryRecord(int opcode, byte[] b, int off, int len, long at) throws McapFormatException {
        Opcode op = Opcode.of(opcode);
        if (op == null) {
            if (opcode == 0) {
                throw new McapFormatException("invalid record opcode 0x00", at);
            }
            return;
        }
        McapRecord r = RecordParser.parse(opcode, b, off, len, at, -1, false);
        if (r instanceof Schema s) {
            if (s.id() != 0) {
                schemas.put(s.id(), s);
            }
        } else if (r instanceof Channel c) {
            channels.put(c.id(), c);
        } else if (r instanceof ChunkIndex ci) {
            chunkIndexes.add(ci);
        } else if (r instanceof AttachmentIndex ai) {
            attachmentIndexes.add(ai);
        } else if (r instanceof MetadataIndex mi) {
            metadataIndexes.add(mi);
        } else if (r instanceof SummaryOffset so) {
            summaryOffsets.add(so);
        } else if (r instanceof Statistics s) {
            if (statistics != null) {
                throw new McapFormatException("duplicate Statistics record", at);
            }
            statistics = s;
        } else {
            throw new McapFormatException(op.recordName() + " record not allowed in summary section", at);
        }
    }

    /** Reads, decompresses and CRC-checks the chunk {@code ci} points to. */
    ChunkRecords loadChunk(ChunkIndex ci) throws IOException {
        long at = ci.chunkStartOffset();
        byte[] record = readDataRecord(at, ci.chunkLength(), Opcode.CHUNK, "chunk index");
        ChunkHeader h = ChunkHeader.parse(record, Mcap.RECORD_HEADER_LENGTH, record.length - Mcap.RECORD_HEADER_LENGTH, at);
        ChunkData data = ChunkData.decode(h, record, new ByteSink(0), options.maxChunkUncompressedSize(), at,
                options.validateCrcs());
        return new ChunkRecords(data, at, options.validateCrcs());
    }

    /** The MessageIndex records that follow the chunk {@code ci} points to. */
    List<MessageIndex> readMessageIndexes(ChunkIndex ci) throws IOException {
        long start = ci.chunkStartOffset() + ci.chunkLength();
        long length = ci.messageIndexLength();
        if (ci.chunkStartOffset() < dataStart || ci.chunkLength() < 0 || start < 0 || length < 0
                || start > footer.summaryStart() || length > footer.summaryStart() - start) {
            throw new McapFormatException("chunk index message indexes lie outside the data section",
                    ci.chunkStartOffset());
        }
        byte[] buf = read(start, (int) Math.min(length, Mcap.MAX_ARRAY_LENGTH));
        List<MessageIndex> out = new ArrayList<>();
        int p = 0;
        while (p < buf.length) {
            if (buf.length - p < Mcap.RECORD_HEADER_LENGTH) {
                throw new McapFormatException("truncated record header among message indexes", start + p);
            }
            long len = (long) LE_LONG.get(buf, p + 1);
            if (len < 0 || len > buf.length - p - Mcap.RECORD_HEADER_LENGTH) {
                throw new McapFormatException("record length " + Long.toUnsignedString(len) + " exceeds remaining "
                        + (buf.length - p - Mcap.RECORD_HEADER_LENGTH) + " bytes of message indexes", start + p);
            }
            if ((buf[p] & 0xFF) == Opcode.MESSAGE_INDEX.code()) {
                out.add((MessageIndex) RecordParser.parse(Opcode.MESSAGE_INDEX.code(), buf,
                        p + Mcap.RECORD_HEADER_LENGTH, (int) len, start + p, -1, false));
            }
            p += Mcap.RECORD_HEADER_LENGTH + (int) len;
        }
        return out;
    }

    private McapRecord readIndexed(long offset, long length, Opcode expected) throws IOException {
        byte[] record = readDataRecord(offset, length, expected, expected.recordName() + " index");
        return RecordParser.parse(expected.code(), record, Mcap.RECORD_HEADER_LENGTH,
                record.length - Mcap.RECORD_HEADER_LENGTH, offset, -1, options.validateCrcs());
    }

    /** Reads a whole record of type {@code expected} at {@code [offset, offset+length)} in the data section. */
    private byte[] readDataRecord(long offset, long length, Opcode expected, String what) throws IOException {
        if (offset < dataStart || length < Mcap.RECORD_HEADER_LENGTH || offset > footer.summaryStart()
                || length > footer.summaryStart() - offset) {
            throw new McapFormatException(what + " points outside the data section (offset "
                    + Long.toUnsignedString(offset) + ", length " + Long.toUnsignedString(length) + ")", footer.summaryStart());
        }
        if (length - Mcap.RECORD_HEADER_LENGTH > options.maxRecordLength()) {
            throw new McapFormatException("record length " + length + " exceeds limit " + options.maxRecordLength(),
                    offset);
        }
        byte[] record = read(offset, (int) length);
        if ((record[0] & 0xFF) != expected.code()) {
            throw new McapFormatException(what + " does not point to a " + expected.recordName() + " record", offset);
        }
        if ((long) LE_LONG.get(record, 1) != length - Mcap.RECORD_HEADER_LENGTH) {
            throw new McapFormatException(expected.recordName() + " record length differs from its index", offset);
        }
        return record;
    }

    /** Reads exactly {@code length} bytes at {@code offset}, which the caller has bounds-checked. */
    private byte[] read(long offset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new McapFormatException("read of " + length + " bytes beyond end of file", offset);
        }
        byte[] out = new byte[length];
        ByteBuffer buf = ByteBuffer.wrap(out);
        channel.position(offset);
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                throw new McapFormatException("unexpected end of file", offset + buf.position());
            }
        }
        return out;
    }
}
