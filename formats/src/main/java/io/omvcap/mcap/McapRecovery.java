package io.omvcap.mcap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Rewrites a truncated or damaged MCAP file (for example one left by a killed recorder) into a
 * finished, indexed file. It reads the input front to back and carries over every complete
 * top-level record before the first damage it cannot step over: schemas, channels, metadata,
 * CRC-valid attachments, messages, and every chunk whose contents decompress and pass their CRC
 * (one output chunk per input chunk, same compression). A chunk or attachment that is complete
 * but corrupt is dropped and reading goes on; a broken record frame (bad length, truncation, bad
 * opcode, malformed fields) stops reading there. The summary is rebuilt. Messages whose Channel
 * record was lost with a dropped chunk are kept on a channel a {@link ChannelRebuilder} supplies:
 * from the input's own summary when it has one, then from the caller's rebuilder. Memory is bounded
 * by the largest chunk.
 */
public final class McapRecovery {
    private static final int MAX_PROBLEMS = 100;

    private McapRecovery() {
    }

    /** Recovers {@code input} into {@code output} (a different file, created or truncated). */
    public static RecoveryReport recover(Path input, Path output) throws IOException {
        return recover(input, output, ChannelRebuilder.NONE);
    }

    /**
     * Recovers {@code input} into {@code output}; channels lost with a dropped chunk are rebuilt from
     * the input's summary when it has one, else by {@code rebuilder}.
     */
    public static RecoveryReport recover(Path input, Path output, ChannelRebuilder rebuilder) throws IOException {
        ChannelRebuilder channels = ChannelRebuilder.fromSummary(input).orElse(rebuilder);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(input), 1 << 16)) {
            return recover(in, Files.size(input), McapWriter.builder(), b -> b.open(output), channels);
        }
    }

    /** Recovers {@code length} bytes of {@code in} into {@code out}; closes {@code out}. */
    public static RecoveryReport recover(InputStream in, long length, OutputStream out) throws IOException {
        return recover(in, length, McapWriter.builder(), b -> b.open(out));
    }

    /** Opens the output writer once the input's header is known. */
    @FunctionalInterface
    public interface WriterOpener {
        McapWriter open(McapWriterBuilder settings) throws IOException;
    }

    /**
     * Recovers {@code length} bytes of {@code in}; the output is opened by {@code opener} with
     * {@code settings} after the input's Header (kept as is) is known. Throws
     * {@link McapFormatException} only when the input does not even start with magic and Header.
     */
    public static RecoveryReport recover(InputStream in, long length, McapWriterBuilder settings, WriterOpener opener)
            throws IOException {
        return recover(in, length, settings, opener, ChannelRebuilder.NONE);
    }

    /** As {@link #recover(InputStream, long, McapWriterBuilder, WriterOpener)}, rebuilding lost channels. */
    public static RecoveryReport recover(InputStream in, long length, McapWriterBuilder settings, WriterOpener opener,
            ChannelRebuilder rebuilder) throws IOException {
        McapStreamReader reader = new McapStreamReader(in, length,
                McapReadOptions.DEFAULT.withValidateCrcs(false).withExpandChunks(false));
        McapRecord first = reader.next();
        if (!(first instanceof Header header)) {
            throw new McapFormatException("cannot recover: no Header record", Mcap.MAGIC_LENGTH);
        }
        settings.profile(header.profile()).library(header.library()).chunkMaxAge(null);
        Recovery r = new Recovery(opener.open(settings), rebuilder);
        long goodEnd = reader.position();
        long stopOffset = -1;
        String stopReason = "";
        try {
            while (true) {
                McapRecord record;
                try {
                    record = reader.next();
                } catch (McapFormatException e) {
                    stopOffset = goodEnd;
                    stopReason = e.getMessage();
                    break;
                }
                if (record == null || record instanceof Footer) {
                    break;
                }
                long size = reader.position() - reader.recordOffset();
                if (record instanceof DataEnd) {
                    r.reachedDataEnd = true;
                    break;
                }
                r.carry(record, reader.recordOffset(), size);
                goodEnd = reader.position();
            }
        } finally {
            r.writer.close();
        }
        long outputBytes = r.writer.position();
        long bytesDropped = r.bytesDropped + (stopOffset >= 0 && length >= 0 ? length - stopOffset : 0);
        return new RecoveryReport(length, outputBytes, r.recordsKept, r.messagesKept, r.chunksKept, r.chunksDropped,
                r.messagesDropped, r.recordsDropped, bytesDropped, r.reachedDataEnd, stopOffset, stopReason,
                r.rebuilt, r.problems);
    }

    /** The running state of one recovery. */
    private static final class Recovery {
        final McapWriter writer;
        final ChannelRebuilder rebuilder;
        /** Channel ids that could not be rebuilt: their messages are dropped without asking again. */
        final java.util.Set<Integer> unrebuildable = new java.util.HashSet<>();
        final List<String> problems = new ArrayList<>();
        final ByteSink scratch = new ByteSink(1 << 16);
        long recordsKept;
        long messagesKept;
        long chunksKept;
        long chunksDropped;
        long messagesDropped;
        long recordsDropped;
        long bytesDropped;
        final List<String> rebuilt = new ArrayList<>();
        final java.util.Map<String, Schema> rebuiltSchemas = new java.util.HashMap<>();
        boolean reachedDataEnd;

        Recovery(McapWriter writer, ChannelRebuilder rebuilder) {
            this.writer = writer;
            this.rebuilder = rebuilder;
        }

        void carry(McapRecord record, long at, long size) throws IOException {
            if (record instanceof Chunk chunk) {
                chunk(chunk, at, size);
            } else if (record instanceof Schema || record instanceof Channel || record instanceof Message) {
                inner(record, at);
            } else if (record instanceof Metadata m) {
                writer.writeMetadata(m);
                recordsKept++;
            } else if (record instanceof Attachment a) {
                if (a.crc() != 0 && a.crc() != attachmentCrc(a)) {
                    drop("attachment '" + a.name() + "' CRC mismatch", at, size, false);
                } else {
                    writer.writeAttachment(a);
                    recordsKept++;
                }
            } else if (record instanceof UnknownRecord u) {
                drop("unknown record opcode 0x" + Integer.toHexString(u.opcode()), at, size, false);
            }
            // MessageIndex and summary-type records are rebuilt by the writer, not copied
        }

        private void chunk(Chunk chunk, long at, long size) throws IOException {
            List<McapRecord> records = new ArrayList<>();
            try {
                ChunkHeader h = new ChunkHeader(chunk.messageStartTime(), chunk.messageEndTime(),
                        chunk.uncompressedSize(), chunk.uncompressedCrc(), chunk.compression(), 0,
                        chunk.records().length);
                ChunkData data = ChunkData.decode(h, chunk.records(), scratch,
                        McapReadOptions.DEFAULT_MAX_CHUNK_UNCOMPRESSED_SIZE, at, true);
                ChunkRecords it = new ChunkRecords(data, at, true);
                for (McapRecord r; (r = it.next()) != null; ) {
                    records.add(r);
                }
            } catch (McapFormatException e) {
                drop(e.getMessage(), at, size, true);
                return;
            }
            writer.flush();
            writer.setCompression(Compression.fromWireName(chunk.compression()));
            for (McapRecord r : records) {
                inner(r, at);
            }
            writer.flush();
            chunksKept++;
        }

        private void inner(McapRecord record, long at) throws IOException {
            try {
                if (record instanceof Schema s) {
                    if (s.id() != 0) {
                        writer.addSchema(s);
                        recordsKept++;
                    }
                } else if (record instanceof Channel c) {
                    writer.addChannel(c);
                    recordsKept++;
                } else if (record instanceof Message m) {
                    if (writer.hasChannel(m.channelId()) || rebuild(m)) {
                        writer.writeMessage(m);
                        recordsKept++;
                        messagesKept++;
                    } else {
                        messagesDropped++;
                        problem("message on unknown channel " + m.channelId() + " dropped", at);
                    }
                }
            } catch (IllegalArgumentException e) {
                recordsDropped++;
                problem(e.getMessage(), at);
            }
        }

        /** Adds a channel for a message whose Channel record was lost; whether one could be added. */
        private boolean rebuild(Message m) throws IOException {
            int id = m.channelId();
            if (unrebuildable.contains(id)) {
                return false;
            }
            ChannelRebuilder.Rebuilt r;
            try {
                r = rebuilder.rebuild(id, m);
            } catch (RuntimeException e) {
                r = null;
            }
            if (r == null || r.channel().id() != id) {
                unrebuildable.add(id);
                return false;
            }
            Channel c = r.channel();
            try {
                if (r.schema() != null) {
                    Schema s = r.schema();
                    if (s.id() == 0 || (writer.schema(s.id()) != null && !writer.schema(s.id()).equals(s))) {
                        // no id of its own, or its id is taken by a schema that survived: a free id
                        // from the top, where later chunks of the input do not put theirs
                        Schema same = rebuiltSchemas.get(s.name());
                        s = same != null && same.encoding().equals(s.encoding()) && Arrays.equals(same.data(), s.data())
                                ? same : new Schema(writer.freeSchemaId(), s.name(), s.encoding(), s.data());
                        rebuiltSchemas.put(s.name(), s);
                    }
                    writer.addSchema(s);
                    c = new Channel(c.id(), s.id(), c.topic(), c.messageEncoding(), c.metadata());
                } else if (c.schemaId() != 0) {
                    c = new Channel(c.id(), 0, c.topic(), c.messageEncoding(), c.metadata());
                }
                writer.addChannel(c);
            } catch (IllegalArgumentException | IllegalStateException e) {
                unrebuildable.add(id);
                return false;
            }
            rebuilt.add("channel " + id + " as " + c.topic() + " (" + c.messageEncoding() + ") from " + r.source());
            return true;
        }

        /** Counts a complete but unusable record (a chunk when {@code chunk}) as dropped. */
        private void drop(String why, long at, long size, boolean chunk) {
            if (chunk) {
                chunksDropped++;
            } else {
                recordsDropped++;
            }
            bytesDropped += size;
            problem(why.contains(" at offset ") ? why : why + " at offset " + at, -1);
        }

        private void problem(String line, long at) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(at >= 0 ? line + " (record at offset " + at + ")" : line);
            }
        }

        private static long attachmentCrc(Attachment a) {
            ByteSink sink = new ByteSink(64 + a.data().length);
            RecordEncoder.encode(a, sink);
            CRC32 crc = new CRC32();
            crc.update(sink.array(), Mcap.RECORD_HEADER_LENGTH, sink.size() - Mcap.RECORD_HEADER_LENGTH - 4);
            return crc.getValue();
        }
    }
}
