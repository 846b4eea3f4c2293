package io.omvcap.cli;

import io.omvcap.mcap.Attachment;
import io.omvcap.mcap.Channel;
import io.omvcap.mcap.Compression;
import io.omvcap.mcap.Header;
import io.omvcap.mcap.McapReadOptions;
import io.omvcap.mcap.McapRecord;
import io.omvcap.mcap.McapStreamReader;
import io.omvcap.mcap.Message;
import io.omvcap.mcap.Metadata;
import io.omvcap.mcap.Schema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Damages MCAP files the way disks, crashes and hostile inputs do, knowing the MCAP record
 * structure but nothing of the session layout: bit flips, truncation, huge or negative record and
 * field lengths, zero-filled blocks, spliced bytes, damaged summary and footer, corrupted compressed
 * chunk bytes and chunk headers; and damage behind intact framing ({@link FramedDamage}).
 */
final class ArchiveMutator {
    private static final int CHUNK = 0x06;
    private static final int DATA_END = 0x0F;
    private static final int MAGIC = 8;
    private static final int FOOTER_RECORD = 1 + 8 + 8 + 8 + 4;

    /** Kinds of damage. */
    enum Kind {
        BIT_FLIPS, TRUNCATION, RECORD_LENGTH, FIELD_LENGTH, ZERO_BLOCK, SPLICE, SUMMARY, FOOTER, CHUNK_DATA,
        CHUNK_HEADER, MESSAGE_FIELDS, METADATA_VALUES, CHANNEL_MISMATCH
    }

    /** A damaged file and what was done to it. */
    record Mutant(byte[] bytes, String description) {
    }

    /** A top-level record: opcode, offset and whole length (header included). */
    record Span(int opcode, int offset, int length) {
    }

    /** An intact archive to damage: its bytes, top-level records and (chunks expanded) contents. */
    record Base(String name, byte[] bytes, List<Span> spans, Header header, List<McapRecord> content,
                Compression compression) {
        /**
         * Reads {@code bytes}, which must be a valid MCAP file; one with a single chunk (a short
         * recording on a slow machine) is rewritten with smaller chunks, so chunk damage has
         * neighbours to spare.
         */
        static Base of(String name, byte[] bytes, Compression compression) throws IOException {
            Base b = read(name, bytes, compression);
            if (b.spans().stream().filter(s -> s.opcode() == CHUNK).count() >= 2) {
                return b;
            }
            return read(name, FramedDamage.write(b, b.content(), Math.max(1024, bytes.length / 3)), compression);
        }

        private static Base read(String name, byte[] bytes, Compression compression) throws IOException {
            List<McapRecord> content = new ArrayList<>();
            Header header = null;
            try (McapStreamReader r = new McapStreamReader(new ByteArrayInputStream(bytes), bytes.length,
                    McapReadOptions.DEFAULT)) {
                for (McapRecord rec; (rec = r.next()) != null; ) {
                    if (rec instanceof Header h) {
                        header = h;
                    } else if (rec.opcode() == DATA_END) {
                        break;
                    } else if (rec instanceof Schema || rec instanceof Channel || rec instanceof Message
                            || rec instanceof Metadata || rec instanceof Attachment) {
                        content.add(rec);
                    }
                }
            }
            return new Base(name, bytes, ArchiveMutator.spans(bytes), header, List.copyOf(content), compression);
        }
    }

    private ArchiveMutator() {
    }

    /** One mutation of {@code base} chosen by {@code rnd}; sometimes damage behind intact framing plus byte damage. */
    static Mutant mutate(Base base, SplittableRandom rnd) throws IOException {
        Kind[] kinds = Kind.values();
        Kind kind = kinds[rnd.nextInt(kinds.length)];
        StringBuilder what = new StringBuilder(base.name()).append(": ");
        byte[] bytes;
        List<Span> spans;
        if (kind.ordinal() >= Kind.MESSAGE_FIELDS.ordinal()) {
            bytes = FramedDamage.rewrite(base, kind, rnd, what);
            spans = spans(bytes);
            if (rnd.nextInt(4) == 0) {
                Kind more = kinds[rnd.nextInt(Kind.MESSAGE_FIELDS.ordinal())];
                what.append("; then ");
                bytes = damage(bytes, spans, more, rnd, what);
            }
        } else {
            bytes = damage(base.bytes().clone(), base.spans(), kind, rnd, what);
        }
        return new Mutant(bytes, what.toString());
    }

    // ---- byte damage ----------------------------------------------------------------------

    private static byte[] damage(byte[] f, List<Span> spans, Kind kind, SplittableRandom rnd, StringBuilder what) {
        what.append(kind);
        switch (kind) {
            case BIT_FLIPS -> {
                int n = 1 + rnd.nextInt(8);
                for (int i = 0; i < n; i++) {
                    int at = rnd.nextInt(f.length);
                    f[at] ^= (byte) (1 << rnd.nextInt(8));
                    what.append(' ').append(at);
                }
            }
            case TRUNCATION -> {
                int cut = rnd.nextBoolean() ? rnd.nextInt(f.length) : pick(spans, rnd).offset() + rnd.nextInt(3);
                what.append(" at ").append(cut);
                return Arrays.copyOf(f, Math.min(cut, f.length));
            }
            case RECORD_LENGTH -> {
                Span s = pick(spans, rnd);
                long v = hostileLength(rnd, s.length());
                putLong(f, s.offset() + 1, v);
                what.append(" of op 0x").append(Integer.toHexString(s.opcode())).append(" at ").append(s.offset())
                        .append(" = ").append(Long.toUnsignedString(v));
            }
            case FIELD_LENGTH -> {
                // a string, byte array or map length inside a record body
                Span s = pick(spans, rnd);
                if (s.length() > 13) {
                    int at = s.offset() + 9 + rnd.nextInt(s.length() - 13);
                    long v = rnd.nextBoolean() ? 0xFFFFFFFFL : rnd.nextInt(1 << 20);
                    putInt(f, at, v);
                    what.append(" at ").append(at).append(" = ").append(v);
                }
            }
            case ZERO_BLOCK -> {
                int size = 512 << rnd.nextInt(4);
                int at = rnd.nextBoolean() ? (rnd.nextInt(f.length) / 512) * 512 : rnd.nextInt(f.length);
                Arrays.fill(f, at, Math.min(f.length, at + size), (byte) 0);
                what.append(' ').append(size).append(" bytes at ").append(at);
            }
            case SPLICE -> {
                int len = 1 + rnd.nextInt(Math.min(4096, f.length));
                int from = rnd.nextInt(f.length - len + 1);
                int to = rnd.nextInt(f.length - len + 1);
                System.arraycopy(f.clone(), from, f, to, len);
                what.append(' ').append(len).append(" bytes from ").append(from).append(" to ").append(to);
            }
            case SUMMARY -> {
                long start = summaryStart(f);
                int footer = f.length - MAGIC - FOOTER_RECORD;
                if (start > 0 && start < footer) {
                    int n = 1 + rnd.nextInt(6);
                    for (int i = 0; i < n; i++) {
                        int at = (int) start + rnd.nextInt(footer - (int) start);
                        if (rnd.nextBoolean()) {
                            f[at] = (byte) rnd.nextInt(256);
                        } else {
                            putLong(f, at, hostileLength(rnd, footer));
                        }
                        what.append(' ').append(at);
                    }
                }
            }
            case FOOTER -> {
                int footer = f.length - MAGIC - FOOTER_RECORD;
                if (footer > 0) {
                    int field = rnd.nextInt(3);
                    int at = footer + 9 + 8 * field;
                    long v = field == 2 ? rnd.nextLong() : hostileLength(rnd, f.length);
                    if (field == 2) {
                        putInt(f, at, v);
                    } else {
                        putLong(f, at, v);
                    }
                    what.append(field == 0 ? " summary_start" : field == 1 ? " summary_offset_start" : " crc")
                            .append(" = ").append(Long.toUnsignedString(v));
                }
            }
            case CHUNK_DATA, CHUNK_HEADER -> {
                List<Span> chunks = spans.stream().filter(s -> s.opcode() == CHUNK).toList();
                if (chunks.isEmpty()) {
                    break;
                }
                Span c = chunks.get(rnd.nextInt(chunks.size()));
                int nameLength = (int) Math.min(64, u32(f, c.offset() + 37));
                int records = c.offset() + 41 + nameLength + 8;
                int end = c.offset() + c.length();
                what.append(" at ").append(c.offset());
                if (kind == Kind.CHUNK_DATA && records < end) {
                    int n = 1 + rnd.nextInt(16);
                    for (int i = 0; i < n; i++) {
                        f[records + rnd.nextInt(end - records)] = (byte) rnd.nextInt(256);
                    }
                    what.append(", ").append(n).append(" compressed bytes");
                } else {
                    int field = rnd.nextInt(4);
                    switch (field) {
                        case 0 -> putLong(f, c.offset() + 25, hostileLength(rnd, c.length())); // uncompressed size
                        case 1 -> putInt(f, c.offset() + 33, rnd.nextLong()); // CRC
                        case 2 -> f[c.offset() + 41 + rnd.nextInt(Math.max(1, nameLength))] ^= 0x20; // compression name
                        default -> putLong(f, records - 8, hostileLength(rnd, c.length())); // records length
                    }
                    what.append(", header field ").append(field);
                }
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
        return f;
    }

    private static long hostileLength(SplittableRandom rnd, long near) {
        long[] values = {-1L, Long.MAX_VALUE, Long.MIN_VALUE, 0xFFFFFFFFL, 0x7FFFFFFFL, 0x7FFFFFF0L, 1L << 40, 0,
            Math.max(0, near - 1), near + 1, near * 2, rnd.nextLong(), rnd.nextInt(1 << 16)};
        return values[rnd.nextInt(values.length)];
    }

    // ---- structure -----------------------------------------------------------------------

    /** The top-level records of a valid (or valid-prefix) file. */
    static List<Span> spans(byte[] bytes) {
        List<Span> out = new ArrayList<>();
        try (McapStreamReader r = new McapStreamReader(new ByteArrayInputStream(bytes), bytes.length,
                McapReadOptions.DEFAULT.withExpandChunks(false).withValidateCrcs(false))) {
            for (McapRecord rec; (rec = r.next()) != null; ) {
                out.add(new Span(rec.opcode(), (int) r.recordOffset(), (int) (r.position() - r.recordOffset())));
            }
        } catch (IOException e) {
            // a damaged tail: the spans before it
        }
        if (out.isEmpty()) {
            out.add(new Span(0, MAGIC, Math.max(1, bytes.length - MAGIC)));
        }
        return out;
    }

    private static Span pick(List<Span> spans, SplittableRandom rnd) {
        return spans.get(rnd.nextInt(spans.size()));
    }

    private static long summaryStart(byte[] f) {
        int footer = f.length - MAGIC - FOOTER_RECORD;
        return footer > 0 ? getLong(f, footer + 9) : -1;
    }

    private static long u32(byte[] f, int at) {
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (at + i < f.length ? f[at + i] & 0xFF : 0);
        }
        return v;
    }

    private static long getLong(byte[] f, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (f[at + i] & 0xFF);
        }
        return v;
    }

    private static void putLong(byte[] f, int at, long v) {
        for (int i = 0; i < 8 && at + i < f.length; i++) {
            f[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putInt(byte[] f, int at, long v) {
        for (int i = 0; i < 4 && at + i < f.length; i++) {
            f[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
