package io.omvcap.sim;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.SplittableRandom;

/**
 * Frames of pseudo-random pixels, deterministic from the seed and the frame number: their JPEG
 * encoding is essentially incompressible, which makes them the worst case for archive size.
 */
final class NoisePattern {
    private final int width;
    private final int height;
    private final long seed;

    NoisePattern(int width, int height, long seed) {
        this.width = width;
        this.height = height;
        this.seed = seed;
    }

    /** Frame {@code n}; brightness in percent scales the pixels. */
    BufferedImage render(long n, double brightness) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
        double gain = Math.max(0, Math.min(100, brightness)) / 100.0;
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (random.nextInt(256) * gain);
        }
        return img;
    }
}
