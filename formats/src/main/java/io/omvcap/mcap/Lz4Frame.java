package io.omvcap.mcap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The LZ4 frame format, which MCAP requires for {@code lz4} chunks, over lz4-java's block codec.
 * Writing: one frame, independent 4 MiB blocks, content size in the descriptor, no checksums
 * (the chunk has its own CRC). Reading: concatenated and skippable frames, independent or linked
 * blocks (linked blocks, as liblz4 writes by default, use a small decoder of our own that may
 * reach back into earlier blocks), optional block and content checksums. Output grows only as
 * blocks actually decode, never beyond the declared chunk size.
 */
final class Lz4Frame {
    static final int MAGIC = 0x184D2204;
    private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
    private static final int SKIPPABLE_MAGIC = 0x184D2A50;
    private static final int FLG_VERSION_1 = 0x40;
    private static final int FLG_BLOCK_INDEPENDENT = 0x20;
    private static final int FLG_BLOCK_CHECKSUM = 0x10;
    private static final int FLG_CONTENT_SIZE = 0x08;
    private static final int FLG_CONTENT_CHECKSUM = 0x04;
    private static final int FLG_DICT_ID = 0x01;
    private static final int BD_4MIB = 7 << 4;
    private static final int WRITE_BLOCK_SIZE = 4 << 20;
    private static final int UNCOMPRESSED_BIT = 0x80000000;
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash32 XXH32 = XXHashFactory.fastestInstance().hash32();

    private Lz4Frame() {
    }

    /** Appends one LZ4 frame holding {@code src[off, off+len)} to {@code out}. */
    static void encode(byte[] src, int off, int len, ByteSink out) {
        out.ensure(4 + 2 + 8 + 1 + 4);
        out.putU32(MAGIC);
        int descriptor = out.size();
        out.putU8(FLG_VERSION_1 | FLG_BLOCK_INDEPENDENT | FLG_CONTENT_SIZE);
        out.putU8(BD_4MIB);
        out.putU64(len);
        out.putU8((XXH32.hash(out.array(), descriptor, 10, 0) >>> 8) & 0xFF);
        for (int done = 0; done < len; ) {
            int n = Math.min(WRITE_BLOCK_SIZE, len - done);
            out.ensure(4L + COMPRESSOR.maxCompressedLength(n));
            int sizeAt = out.size();
            int compressed = COMPRESSOR.compress(src, off + done, n, out.array(), sizeAt + 4,
                    out.capacity() - sizeAt - 4);
            if (compressed >= n) {
                out.setSize(sizeAt);
                out.putU32(UNCOMPRESSED_BIT | n);
                out.putBytes(src, off + done, n);
            } else {
                out.setU32(sizeAt, compressed);
                out.setSize(sizeAt + 4 + compressed);
            }
            done += n;
        }
        out.putU32(0);
    }

    /**
     * Decodes all frames in {@code src[off, off+len)}, appending to {@code dst} at most
     * {@code limit} bytes; more output than that is an error.
     */
    static void decode(byte[] src, int off, int len, ByteSink dst, long limit, long chunkOffset)
            throws McapFormatException {
        Input in = new Input(src, off, off + len, chunkOffset);
        while (in.pos < in.end) {
            int magic = in.u32();
            if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
                in.skip(in.u32() & 0xFFFFFFFFL);
                continue;
            }
            if (magic != MAGIC) {
                throw in.error("bad frame magic 0x" + Integer.toHexString(magic));
            }
            decodeFrame(in, dst, limit);
        }
    }

    private static void decodeFrame(Input in, ByteSink dst, long limit) throws McapFormatException {
        int descriptor = in.pos;
        int flg = in.u8();
        int bd = in.u8();
        if ((flg & 0xC0) != FLG_VERSION_1 || (flg & 0x02) != 0 || (bd & 0x8F) != 0 || (bd >>> 4) < 4) {
            throw in.error("unsupported frame descriptor");
        }
        if ((flg & FLG_DICT_ID) != 0) {
            throw in.error("frames with a dictionary are not supported");
        }
        long contentSize = (flg & FLG_CONTENT_SIZE) != 0 ? in.u64() : -1;
        int hc = in.u8();
        if (hc != ((XXH32.hash(in.buf, descriptor, in.pos - 1 - descriptor, 0) >>> 8) & 0xFF)) {
            throw in.error("frame header checksum mismatch");
        }
        int blockMax = 1 << (8 + 2 * (bd >>> 4));
        boolean linked = (flg & FLG_BLOCK_INDEPENDENT) == 0;
        int frameStart = dst.size();
        while (true) {
            int word = in.u32();
            if (word == 0) {
                break;
            }
            int size = word & ~UNCOMPRESSED_BIT;
            if (size > blockMax) {
                throw in.error("block size " + size + " exceeds frame maximum " + blockMax);
            }
            in.need(size);
            int room = (int) Math.min(blockMax, limit - dst.size());
            if ((word & UNCOMPRESSED_BIT) != 0) {
                if (size > room) {
                    throw in.error("decompressed data exceeds declared uncompressed size " + limit);
                }
                dst.putBytes(in.buf, in.pos, size);
            } else {
                dst.ensure(room);
                int n = linked
                        ? decodeLinkedBlock(in, size, dst.array(), dst.size(), dst.size() + room, frameStart, limit)
                        : decodeBlock(in, size, dst.array(), dst.size(), room, limit);
                dst.setSize(dst.size() + n);
            }
            in.pos += size;
            if ((flg & FLG_BLOCK_CHECKSUM) != 0) {
                in.skip(4);
            }
        }
        long produced = dst.size() - frameStart;
        if ((flg & FLG_CONTENT_CHECKSUM) != 0) {
            int expected = in.u32();
            if (XXH32.hash(dst.array(), frameStart, (int) produced, 0) != expected) {
                throw in.error("frame content checksum mismatch");
            }
        }
        if (contentSize >= 0 && contentSize != produced) {
            throw in.error("frame content size " + contentSize + " differs from decoded " + produced + " bytes");
        }
    }

    private static int decodeBlock(Input in, int size, byte[] dst, int dstOff, int room, long limit)
            throws McapFormatException {
        try {
            return DECOMPRESSOR.decompress(in.buf, in.pos, size, dst, dstOff, room);
        } catch (LZ4Exception | IndexOutOfBoundsException e) {
            throw in.error("corrupt block or output beyond declared size " + limit);
        }
    }

    /** LZ4 block decoding that may copy matches from earlier blocks of the frame. */
    private static int decodeLinkedBlock(Input in, int size, byte[] dst, int dstOff, int dstEnd, int windowStart,
                                         long limit) throws McapFormatException {
        byte[] src = in.buf;
        int sp = in.pos;
        int send = sp + size;
        int dp = dstOff;
        while (sp < send) {
            int token = src[sp++] & 0xFF;
            int literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (sp >= send) {
                        throw in.error("corrupt linked block");
                    }
                    b = src[sp++] & 0xFF;
                    literals += b;
                } while (b == 255 && literals < size);
            }
            if (literals > send - sp || literals > dstEnd - dp) {
                throw in.error("corrupt linked block or output beyond declared size " + limit);
            }
            System.arraycopy(src, sp, dst, dp, literals);
            sp += literals;
            dp += literals;
            if (sp == send) {
                break;
            }
            if (send - sp < 2) {
                throw in.error("corrupt linked block");
            }
            int distance = (src[sp] & 0xFF) | (src[sp + 1] & 0xFF) << 8;
            sp += 2;
            if (distance == 0 || distance > dp - windowStart) {
                throw in.error("linked block match offset out of range");
            }
            int matchLength = (token & 15) + 4;
            if ((token & 15) == 15) {
                int b;
                do {
                    if (sp >= send) {
                        throw in.error("corrupt linked block");
                    }
                    b = src[sp++] & 0xFF;
                    matchLength += b;
                } while (b == 255 && matchLength <= dstEnd - dp);
            }
            if (matchLength > dstEnd - dp) {
                throw in.error("corrupt linked block or output beyond declared size " + limit);
            }
            int from = dp - distance;
            if (distance >= matchLength) {
                System.arraycopy(dst, from, dst, dp, matchLength);
                dp += matchLength;
            } else {
                for (int i = 0; i < matchLength; i++) {
                    dst[dp++] = dst[from + i];
                }
            }
        }
        return dp - dstOff;
    }

    /** Bounds-checked cursor over the compressed bytes. */
    private static final class Input {
        final byte[] buf;
        final int end;
        final long chunkOffset;
        int pos;

        Input(byte[] buf, int pos, int end, long chunkOffset) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
            this.chunkOffset = chunkOffset;
        }

        McapFormatException error(String reason) {
            return new McapFormatException("lz4: " + reason + " in chunk", chunkOffset);
        }

        void need(long n) throws McapFormatException {
            if (n > end - pos) {
                throw error("truncated frame");
            }
        }

        int u8() throws McapFormatException {
            need(1);
            return buf[pos++] & 0xFF;
        }

        int u32() throws McapFormatException {
            need(4);
            int v = (int) LE_INT.get(buf, pos);
            pos += 4;
            return v;
        }

        long u64() throws McapFormatException {
            need(8);
            long v = (long) LE_LONG.get(buf, pos);
            pos += 8;
            return v;
        }

        void skip(long n) throws McapFormatException {
            need(n);
            pos += (int) n;
        }
    }
}
