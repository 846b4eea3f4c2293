package io.omvcap.cli.samples;

import io.omvcap.link.ByteLink;
import io.omvcap.link.LinkProvider;
import io.omvcap.transport.Transports;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code rough:SETTINGS}: the simulated cam ({@code sim:SETTINGS}) behind a bad cable. The first
 * link opened injects 40 bytes of line noise between two packets once 1 500 bytes came from the
 * cam; once 3 000 bytes came, it garbles what the cam sends for {@value #GARBLE_MS} ms (CRCs fail,
 * retransmissions too, the host times out and resyncs); and it goes dead after
 * {@code dropAfterMs} (the host loses the cam and reconnects, to a freshly booted cam). Later
 * links are clean.
 */
public final class RoughLinks implements LinkProvider {
    /** Line noise injected once. */
    static final byte[] NOISE = "\u0000\u00ff\u0013U\u00aa\r\n~1\u00aa\u00d5\u00c3\u00de\u00ad\u00be\u00ef".repeat(3)
            .substring(0, 40).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    /** How long the cam's bytes are garbled. */
    static final long GARBLE_MS = 1_200;

    private final AtomicInteger opened = new AtomicInteger();
    private final long dropAfterMs;

    private RoughLinks(long dropAfterMs) {
        this.dropAfterMs = dropAfterMs;
    }

    /** Registers the {@code rough:} scheme. */
    public static void register(long dropAfterMs) {
        Transports.register(new RoughLinks(dropAfterMs));
    }

    @Override
    public String scheme() {
        return "rough";
    }

    @Override
    public ByteLink open(String spec) throws IOException {
        ByteLink sim = Transports.open("sim:" + spec.substring("rough:".length()));
        return opened.getAndIncrement() == 0 ? new Rough(sim, dropAfterMs) : sim;
    }

    private static final class Rough implements ByteLink {
        private final ByteLink inner;
        private final long deadAt;
        private long fromCam;
        private boolean noised;
        private long garbleUntil;

        Rough(ByteLink inner, long dropAfterMs) {
            this.inner = inner;
            this.deadAt = System.nanoTime() + dropAfterMs * 1_000_000L;
        }

        @Override
        public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
            if (System.nanoTime() > deadAt) {
                inner.close();
                return -1;
            }
            boolean noiseNow = !noised && fromCam >= 1_500 && len > NOISE.length + 64;
            int room = noiseNow ? len - NOISE.length : len;
            int n = inner.read(buf, off, room, timeoutMillis);
            if (n <= 0) {
                return n;
            }
            boolean atPacket = (buf[off] & 0xFF) == 0xAA && (buf[off + Math.min(1, n - 1)] & 0xFF) == 0xD5;
            if (noiseNow && atPacket) {
                noised = true;
                System.arraycopy(buf, off, buf, off + NOISE.length, n);
                System.arraycopy(NOISE, 0, buf, off, NOISE.length);
                n += NOISE.length;
            } else if (fromCam >= 3_000 && (garbleUntil == 0 || System.nanoTime() < garbleUntil)) {
                if (garbleUntil == 0) {
                    garbleUntil = System.nanoTime() + GARBLE_MS * 1_000_000L;
                }
                buf[off + n / 2] ^= 0x5A;
            }
            fromCam += n;
            return n;
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            if (System.nanoTime() > deadAt) {
                throw new IOException("cable unplugged");
            }
            inner.write(buf, off, len);
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen() && System.nanoTime() <= deadAt;
        }

        @Override
        public String describe() {
            return "rough:" + inner.describe();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
