package io.omvcap.mcap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Reads an MCAP file front to back and yields its records in file order, with chunk contents
 * expanded in place (or, with {@link McapReadOptions#expandChunks()} off, the Chunk records
 * themselves). It validates the magic at both ends, that the first record is a Header, every
 * record length against the bytes that remain (before allocating), chunk, attachment,
 * data-section and summary CRCs, and that nothing follows the closing magic. Unknown opcodes are
 * yielded as {@link UnknownRecord}s and counted. Every problem is a {@link McapFormatException}.
 *
 * <p>Memory: one record (or one decompressed chunk) at a time. Not thread-safe.
 */
public final class McapStreamReader implements Closeable {
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int GROW_STEP = 1 << 20;

    private enum Section { MAGIC, DATA, SUMMARY, END }

    private final ByteSource src;
    private final McapReadOptions options;
    private final byte[] recordHeader = new byte[Mcap.RECORD_HEADER_LENGTH];
    private final ByteSink body = new ByteSink(64 * 1024);
    private final ByteSink scratch = new ByteSink(64 * 1024);
    private final CRC32 crc = new CRC32();
    private Section section = Section.MAGIC;
    private Header header;
    private boolean dataEndSeen;
    private ChunkRecords chunk;
    private long recordOffset = -1;
    private int unknownRecords;

    /** Reads a stream of unknown length with default options. */
    public McapStreamReader(InputStream in) {
        this(in, -1, McapReadOptions.DEFAULT);
    }

    /**
     * Reads {@code in}, which holds {@code length} bytes ({@code -1} if unknown: lengths are then
     * checked as bytes arrive, and buffers grow only with data actually read).
     */
    public McapStreamReader(InputStream in, long length, McapReadOptions options) {
        this.src = new ByteSource(in, length);
        this.options = options;
    }

    /** Opens a file with default options. */
    public static McapStreamReader open(Path file) throws IOException {
        return open(file, McapReadOptions.DEFAULT);
    }

    /** Opens a file. */
    public static McapStreamReader open(Path file, McapReadOptions options) throws IOException {
        long size = Files.size(file);
        return new McapStreamReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), size, options);
    }

    /** The Header record, once read. */
    public Header header() {
        return header;
    }

    /** File offset of the top-level record last returned; for records from a chunk, the chunk's offset. */
    public long recordOffset() {
        return recordOffset;
    }

    /** File offset just past the last top-level record read. */
    public long position() {
        return src.position();
    }

    /** How many records with unknown opcodes were met (and yielded) so far. */
    public int unknownRecordCount() {
        return unknownRecords;
    }

    /** Whether the whole file, through the closing magic, has been read and validated. */
    public boolean done() {
        return section == Section.END;
    }

    /**
     * The next record, or {@code null} after the Footer once the closing magic and end of input
     * have been checked.
     */
    public McapRecord next() throws IOException {
        while (true) {
            if (chunk != null) {
                McapRecord r = chunk.next();
                if (r != null) {
                    return counted(r);
                }
                chunk = null;
            }
            switch (section) {
                case END:
                    return null;
                case MAGIC:
                    readMagic("bad magic at start of file");
                    section = Section.DATA;
                    continue;
                default:
                    break;
            }
            McapRecord r = readRecord();
            if (r != null) {
                return counted(r);
            }
        }
    }

    private McapRecord counted(McapRecord r) {
        if (r instanceof UnknownRecord) {
            unknownRecords++;
        }
        return r;
    }

    /** Reads one top-level record; {@code null} when it was a chunk whose records are now queued. */
    private McapRecord readRecord() throws IOException {
        long at = src.position();
        int n = src.read(recordHeader, 0, recordHeader.length);
        if (n == 0) {
            throw new McapFormatException("unexpected end of file (no footer)", at);
        }
        if (n < recordHeader.length) {
            throw new McapFormatException("truncated record header (" + n + " of 9 bytes)", at);
        }
        int opcode = recordHeader[0] & 0xFF;
        long length = (long) LE_LONG.get(recordHeader, 1);
        long remaining = src.remaining();
        if (length < 0 || (remaining >= 0 && length > remaining)) {
            throw new McapFormatException("record length " + Long.toUnsignedString(length) + " exceeds remaining "
                    + remaining + " bytes", at);
        }
        if (length > options.maxRecordLength()) {
            throw new McapFormatException("record length " + length + " exceeds limit " + options.maxRecordLength(), at);
        }
        Opcode op = Opcode.of(opcode);
        if (opcode == 0) {
            throw new McapFormatException("invalid record opcode 0x00", at);
        }
        if (header == null && op != Opcode.HEADER) {
            throw new McapFormatException("expected Header record, found opcode 0x" + Integer.toHexString(opcode), at);
        }
        readBody((int) length, at);
        recordOffset = at;
        byte[] b = body.array();
        int len = (int) length;
        if (op == Opcode.FOOTER) {
            return footer(b, len, at);
        }
        checkSection(op, at);
        long crcBefore = crc.getValue();
        crc.update(recordHeader, 0, recordHeader.length);
        crc.update(b, 0, len);
        if (op == Opcode.CHUNK && options.expandChunks()) {
            ChunkHeader h = ChunkHeader.parse(b, 0, len, at);
            ChunkData data = ChunkData.decode(h, b, scratch, options.maxChunkUncompressedSize(), at,
                    options.validateCrcs());
            chunk = new ChunkRecords(data, at, options.validateCrcs());
            return null;
        }
        McapRecord r = RecordParser.parse(opcode, b, 0, len, at, -1, options.validateCrcs());
        if (op == Opcode.HEADER) {
            header = (Header) r;
        } else if (op == Opcode.DATA_END) {
            long stored = ((DataEnd) r).dataSectionCrc();
            if (options.validateCrcs() && stored != 0 && stored != crcBefore) {
                throw new McapFormatException("data section CRC mismatch (computed " + crcBefore + ", stored "
                        + stored + ")", at);
            }
            dataEndSeen = true;
            section = Section.SUMMARY;
            crc.reset();
        }
        return r;
    }

    private void checkSection(Opcode op, long at) throws McapFormatException {
        if (op == Opcode.HEADER && header != null) {
            throw new McapFormatException("duplicate Header record", at);
        }
        if (section == Section.SUMMARY && op != null) {
            switch (op) {
                case SCHEMA, CHANNEL, CHUNK_INDEX, ATTACHMENT_INDEX, STATISTICS, METADATA_INDEX, SUMMARY_OFFSET:
                    return;
                default:
                    throw new McapFormatException(op.recordName() + " record not allowed in summary section", at);
            }
        }
    }

    private McapRecord footer(byte[] b, int len, long at) throws IOException {
        if (len < Mcap.FOOTER_CONTENT_LENGTH) {
            throw new McapFormatException("footer length " + len + " is shorter than 20 bytes", at);
        }
        Footer footer = (Footer) RecordParser.parse(Opcode.FOOTER.code(), b, 0, len, at, -1, false);
        crc.update(recordHeader, 0, recordHeader.length);
        crc.update(b, 0, Mcap.FOOTER_CRC_PREFIX_LENGTH - Mcap.RECORD_HEADER_LENGTH);
        if (options.validateCrcs() && dataEndSeen && footer.summaryCrc() != 0 && crc.getValue() != footer.summaryCrc()) {
            throw new McapFormatException("summary CRC mismatch (computed " + crc.getValue() + ", stored "
                    + footer.summaryCrc() + ")", at);
        }
        readMagic("bad magic at end of file");
        if (!src.atEnd()) {
            throw new McapFormatException("unexpected bytes after closing magic", src.position());
        }
        section = Section.END;
        return footer;
    }

    private void readMagic(String problem) throws IOException {
        long at = src.position();
        byte[] magic = new byte[Mcap.MAGIC_LENGTH];
        int n = src.read(magic, 0, magic.length);
        if (n < magic.length) {
            throw new McapFormatException("truncated magic (" + n + " of 8 bytes)", at);
        }
        if (!Mcap.isMagic(magic, 0, magic.length)) {
            throw new McapFormatException(problem, at);
        }
        crc.update(magic, 0, magic.length);
    }

    /** Reads {@code length} bytes into {@link #body}, growing it only as bytes actually arrive. */
    private void readBody(int length, long at) throws IOException {
        body.reset();
        while (body.size() < length) {
            int step = Math.min(length - body.size(), Math.max(GROW_STEP, body.size()));
            body.ensure(step);
            int n = src.read(body.array(), body.size(), step);
            body.setSize(body.size() + n);
            if (n < step) {
                throw new McapFormatException("truncated record: length " + length + " but only " + body.size()
                        + " bytes follow", at);
            }
        }
    }

    @Override
    public void close() throws IOException {
        src.close();
    }
}
