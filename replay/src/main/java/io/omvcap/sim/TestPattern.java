package io.omvcap.sim;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * A simple moving test picture: colour bars scrolling sideways, a bright square bouncing around
 * and the frame number as a row of bit blocks along the bottom. Deterministic from the seed and
 * the frame number; brightness and mirroring come from the cam's telemetry controls.
 */
final class TestPattern {
    private static final int[][] BARS = {
        {235, 235, 235}, {235, 235, 16}, {16, 235, 235}, {16, 235, 16},
        {235, 16, 235}, {235, 16, 16}, {16, 16, 235}, {16, 16, 16}};

    private final int width;
    private final int height;
    private final int phase;

    TestPattern(int width, int height, long seed) {
        this.width = width;
        this.height = height;
        this.phase = Math.floorMod(seed * 0x9E3779B97F4A7C15L >>> 40, 1 << 16);
    }

    /** Frame {@code n} with {@code brightness} in percent (0..100) and optionally mirrored. */
    BufferedImage render(long n, double brightness, boolean mirror) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        double gain = Math.max(0, Math.min(100, brightness)) / 100.0;
        int barWidth = Math.max(1, width / BARS.length);
        int shift = (int) ((n * Math.max(1, width / 64) + phase) % width);
        int box = Math.max(4, Math.min(width, height) / 5);
        int bx = bounce(n * 3 + phase, width - box);
        int by = bounce(n * 2 + phase / 7, height - box);
        int bitSize = Math.max(2, width / 40);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sx = mirror ? width - 1 - x : x;
                int[] c = BARS[((sx + shift) % width) / barWidth % BARS.length];
                int r = c[0];
                int g = c[1];
                int b = c[2];
                if (sx >= bx && sx < bx + box && y >= by && y < by + box) {
                    r = 255;
                    g = 255;
                    b = 255;
                } else if (y >= height - bitSize) {
                    int bit = sx / bitSize;
                    boolean on = bit < 32 && ((n >>> bit) & 1) != 0;
                    r = on ? 255 : 0;
                    g = on ? 255 : 0;
                    b = on ? 255 : 0;
                }
                int i = (y * width + x) * 3;
                px[i] = (byte) (b * gain);
                px[i + 1] = (byte) (g * gain);
                px[i + 2] = (byte) (r * gain);
            }
        }
        return img;
    }

    private static int bounce(long t, int range) {
        if (range <= 0) {
            return 0;
        }
        long p = t % (2L * range);
        return (int) (p < range ? p : 2L * range - p);
    }
}
