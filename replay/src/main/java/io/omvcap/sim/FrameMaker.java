package io.omvcap.sim;

/** Renders frames of the configured size and pattern and encodes them as JPEG. */
final class FrameMaker {
    private final TestPattern bars;
    private final NoisePattern noise;
    private final JpegEncoder encoder = new JpegEncoder();

    FrameMaker(int width, int height, long seed, FramePattern pattern) {
        this.bars = pattern == FramePattern.BARS ? new TestPattern(width, height, seed) : null;
        this.noise = pattern == FramePattern.NOISE ? new NoisePattern(width, height, seed) : null;
    }

    /** Frame {@code n} as JPEG at {@code quality}. */
    byte[] jpeg(long n, int quality, double brightness, boolean mirror) {
        return encoder.encode(bars != null ? bars.render(n, brightness, mirror) : noise.render(n, brightness), quality);
    }
}
