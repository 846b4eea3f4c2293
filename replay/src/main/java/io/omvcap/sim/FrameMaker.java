package io.omvcap.sim;

/** Renders test-pattern frames of the configured size and encodes them as JPEG. */
final class FrameMaker {
    private final TestPattern pattern;
    private final JpegEncoder encoder = new JpegEncoder();

    FrameMaker(int width, int height, long seed) {
        this.pattern = new TestPattern(width, height, seed);
    }

    /** Frame {@code n} as JPEG at {@code quality}. */
    byte[] jpeg(long n, int quality, double brightness, boolean mirror) {
        return encoder.encode(pattern.render(n, brightness, mirror), quality);
    }
}
