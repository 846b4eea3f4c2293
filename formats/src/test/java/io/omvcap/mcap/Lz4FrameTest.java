package io.omvcap.mcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

/** The LZ4 frame codec: our frames, lz4-java's frames, and hand-built linked-block frames. */
class Lz4FrameTest {

    private static byte[] decode(byte[] frame, long limit) throws McapFormatException {
        ByteSink out = new ByteSink(16);
        Lz4Frame.decode(frame, 0, frame.length, out, limit, 0);
        return Arrays.copyOf(out.array(), out.size());
    }

    private static byte[] encode(byte[] data) {
        ByteSink out = new ByteSink(16);
        Lz4Frame.encode(data, 0, data.length, out);
        return Arrays.copyOf(out.array(), out.size());
    }

    @Test
    void roundTripsSmallLargeCompressibleAndRandom() throws IOException {
        Random rnd = new Random(11);
        for (int size : new int[] {0, 1, 100, 70_000, (4 << 20) + 12345}) {
            byte[] text = new byte[size];
            byte[] noise = new byte[size];
            for (int i = 0; i < size; i++) {
                text[i] = (byte) ("abcdefgh".charAt(i % 8) + (i / 1000) % 3);
            }
            rnd.nextBytes(noise);
            for (byte[] data : new byte[][] {text, noise}) {
                assertArrayEquals(data, decode(encode(data), size));
            }
        }
    }

    @Test
    void readsFramesWrittenByLz4JavaStreams() throws IOException {
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251 == 0 ? i : i / 100);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM)) {
            out.write(data);
        }
        assertArrayEquals(data, decode(bytes.toByteArray(), data.length));
    }

    /** A frame with linked blocks (as liblz4 writes by default) whose matches reach into earlier blocks. */
    static byte[] linkedFrame(boolean contentChecksum, byte[] content) {
        ByteSink f = new ByteSink(64);
        f.putU32(Lz4Frame.MAGIC);
        int flg = 0x40 | (contentChecksum ? 0x04 : 0);
        f.putU8(flg);
        f.putU8(0x40);
        f.putU8((XXHashFactory.fastestInstance().hash32().hash(new byte[] {(byte) flg, 0x40}, 0, 2, 0) >>> 8) & 0xFF);
        byte[] first = "abcdefgh".getBytes(StandardCharsets.US_ASCII);
        f.putU32(0x80000000L | first.length);
        f.putBytes(first);
        // copy 8 bytes from 8 back (into the previous block), then 8 literals
        byte[] second = {0x04, 0x08, 0x00, (byte) 0x80, 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'};
        f.putU32(second.length);
        f.putBytes(second);
        // overlapping copy: 6 x the previous block's last byte, then 8 literals
        byte[] third = {0x02, 0x01, 0x00, (byte) 0x80, '1', '2', '3', '4', '5', '6', '7', '8'};
        f.putU32(third.length);
        f.putBytes(third);
        f.putU32(0);
        if (contentChecksum) {
            f.putU32(XXHashFactory.fastestInstance().hash32().hash(content, 0, content.length, 0));
        }
        return Arrays.copyOf(f.array(), f.size());
    }

    @Test
    void decodesLinkedBlocksReachingIntoEarlierBlocks() throws IOException {
        byte[] expected = "abcdefghabcdefghABCDEFGHHHHHHH12345678".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(expected, decode(linkedFrame(false, expected), expected.length));
        assertArrayEquals(expected, decode(linkedFrame(true, expected), expected.length));
        byte[] wrongSum = linkedFrame(true, "other".getBytes(StandardCharsets.US_ASCII));
        McapFormatException e = assertThrows(McapFormatException.class, () -> decode(wrongSum, 100));
        assertTrue(e.getMessage().contains("content checksum"), e.getMessage());
    }

    @Test
    void skippableAndConcatenatedFrames() throws IOException {
        byte[] a = "first part ".repeat(50).getBytes(StandardCharsets.US_ASCII);
        byte[] b = "second".getBytes(StandardCharsets.US_ASCII);
        ByteSink s = new ByteSink(64);
        s.putU32(0x184D2A53);
        s.putU32(3);
        s.putBytes(new byte[] {1, 2, 3});
        s.putBytes(encode(a));
        s.putBytes(encode(b));
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        assertArrayEquals(joined, decode(Arrays.copyOf(s.array(), s.size()), joined.length));
    }

    @Test
    void outputBeyondTheDeclaredSizeAndDamageAreFormatErrors() {
        byte[] data = "0123456789".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        byte[] frame = encode(data);
        assertThrows(McapFormatException.class, () -> decode(frame, data.length - 1));
        byte[] expected = "abcdefghabcdefghABCDEFGHHHHHHH12345678".getBytes(StandardCharsets.US_ASCII);
        assertThrows(McapFormatException.class, () -> decode(linkedFrame(false, expected), expected.length - 1));
        Random rnd = new Random(3);
        for (int i = 0; i < 2000; i++) {
            byte[] bad = frame.clone();
            bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt();
            bad = Arrays.copyOf(bad, 1 + rnd.nextInt(bad.length));
            byte[] input = bad;
            try {
                decode(input, data.length);
            } catch (McapFormatException expectedError) {
                // the only allowed failure
            }
        }
        byte[] dependentOnNothing = linkedFrame(false, expected);
        int secondBlockOffsetByte = 4 + 3 + 4 + 8 + 4 + 1;
        dependentOnNothing[secondBlockOffsetByte] = 0x7F; // match offset before the frame start
        McapFormatException e = assertThrows(McapFormatException.class, () -> decode(dependentOnNothing, 100));
        assertTrue(e.getMessage().contains("match offset out of range"), e.getMessage());
    }
}
