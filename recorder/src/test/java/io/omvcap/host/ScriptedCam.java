package io.omvcap.host;

import io.omvcap.link.ByteLink;
import io.omvcap.link.PipeLink;
import io.omvcap.wire.Direction;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.wire.ValidPacket;
import io.omvcap.wire.WireEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A fake cam on the far end of a {@link PipeLink} that plays a {@link Script}: it checks that
 * every byte the host sends is the next expected byte, and answers each expected run with the
 * cam's bytes that followed it in the transcript. The first mismatch is recorded with the
 * packets on both sides and ends the link, so the host fails fast instead of waiting.
 */
final class ScriptedCam implements AutoCloseable {
    private static final int STEP_TIMEOUT_MS = 5_000;

    private final Script script;
    private final ByteLink camEnd;
    private final ByteLink hostEnd;
    private final Thread thread;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<byte[]> injected = new ArrayList<>();
    private volatile String failure;
    private int stepsDone;
    private volatile long extraBytes;

    private final boolean openEnded;

    /** A cam that fails on any host byte beyond the script. */
    ScriptedCam(Script script) {
        this(script, false);
    }

    /**
     * A cam playing {@code script}; when {@code openEnded}, host bytes after the script are only
     * collected (for tests that go on with {@link #camWrite}).
     */
    ScriptedCam(Script script, boolean openEnded) {
        this(script, openEnded, PipeLink.pair("scripted-cam"));
    }

    private ScriptedCam(Script script, boolean openEnded, PipeLink[] pair) {
        this(script, openEnded, pair[1], pair[0]);
    }

    /**
     * A cam playing {@code script} on {@code camEnd} (a pty master, a socket); {@code hostEnd}
     * is the host's end when this process owns it, else {@code null}.
     */
    ScriptedCam(Script script, boolean openEnded, ByteLink camEnd, ByteLink hostEnd) {
        this.script = script;
        this.openEnded = openEnded;
        this.hostEnd = hostEnd;
        this.camEnd = camEnd;
        this.thread = new Thread(this::play, "scripted-cam");
        thread.setDaemon(true);
        thread.start();
    }

    /** The host's end of the link. */
    ByteLink hostLink() {
        return hostEnd;
    }

    private void play() {
        byte[] buf = new byte[64 * 1024];
        try {
            for (Script.Step step : script.steps()) {
                if (step.dir() == Direction.CAM_TO_HOST) {
                    camEnd.write(step.bytes());
                } else if (!expect(step.bytes(), buf)) {
                    closeQuietly(camEnd);
                    return;
                }
                stepDone();
            }
            int n;
            while ((n = camEnd.read(buf, 0, buf.length, 100)) >= 0) {
                if (n > 0) {
                    received.write(buf, 0, n);
                    extraBytes += n;
                    if (!openEnded) {
                        fail("host sent " + n + " bytes after the script ended: "
                                + describe(Arrays.copyOfRange(buf, 0, n)));
                    }
                }
            }
        } catch (IOException e) {
            if (stepsDone < script.steps().size()) {
                fail("link failed at step " + stepsDone + ": " + e);
            }
        }
    }

    private boolean expect(byte[] expected, byte[] buf) throws IOException {
        int got = 0;
        long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MS;
        while (got < expected.length) {
            int left = (int) (deadline - System.currentTimeMillis());
            if (left <= 0) {
                fail("step " + stepsDone + ": host sent " + got + " of " + expected.length
                        + " expected bytes within " + STEP_TIMEOUT_MS + " ms; expected " + describe(expected));
                return false;
            }
            int n = camEnd.read(buf, 0, Math.min(buf.length, expected.length - got), left);
            if (n < 0) {
                fail("step " + stepsDone + ": host closed the link after " + got + " of " + expected.length
                        + " expected bytes; expected " + describe(expected));
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] != expected[got + i]) {
                    byte[] actual = new byte[got + n];
                    System.arraycopy(expected, 0, actual, 0, got);
                    System.arraycopy(buf, 0, actual, got, n);
                    fail("step " + stepsDone + ": host byte " + (got + i) + " differs; expected "
                            + describe(expected) + " but got " + describe(actual));
                    return false;
                }
            }
            received.write(buf, 0, n);
            got += n;
        }
        return true;
    }

    private static void closeQuietly(ByteLink link) {
        try {
            link.close();
        } catch (IOException ignored) {
            // ending the link is all that matters
        }
    }

    /** The packets in {@code bytes}, for messages. */
    static String describe(byte[] bytes) {
        PacketDecoder d = new PacketDecoder();
        List<String> parts = new ArrayList<>();
        d.feed(bytes, e -> parts.add(text(e)));
        d.finish(e -> parts.add(text(e)));
        return parts.size() > 12 ? String.join(", ", parts.subList(0, 12)) + ", … (" + parts.size() + " items)"
                : String.join(", ", parts);
    }

    private static String text(WireEvent e) {
        if (e instanceof ValidPacket v) {
            return v.packet().toString();
        }
        return e.toString();
    }

    private synchronized void stepDone() {
        stepsDone++;
        notifyAll();
    }

    private synchronized void fail(String message) {
        if (failure == null) {
            failure = message;
        }
        notifyAll();
    }

    /**
     * Writes bytes into the host's side of the link as if the host had sent them (the SDK
     * harness's injected garbage); they bypass the camera and its tap.
     */
    void inject(byte[] bytes) throws IOException {
        synchronized (injected) {
            injected.add(bytes.clone());
        }
        hostEnd.write(bytes);
    }

    /** Writes cam bytes to the host outside the script (only sensible once the script is done). */
    void camWrite(byte[] bytes) throws IOException {
        camEnd.write(bytes);
    }

    /** Ends the link from the cam's side, like an unplugged cable. */
    void hangUp() throws IOException {
        camEnd.close();
    }

    /** Everything injected so far. */
    List<byte[]> injected() {
        synchronized (injected) {
            return List.copyOf(injected);
        }
    }

    /** Index of the first host step that contains {@code bytes}. */
    int hostStepContaining(byte[] bytes) {
        return script.hostStepContaining(bytes);
    }

    /** Waits until {@code count} steps are done (or the script failed). */
    synchronized void awaitSteps(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MS;
        long left;
        while (stepsDone < count && failure == null && (left = deadline - System.currentTimeMillis()) > 0) {
            wait(left);
        }
        if (failure != null) {
            throw new AssertionError(failure);
        }
        if (stepsDone < count) {
            throw new AssertionError("script stopped at step " + stepsDone + ", waited for " + count);
        }
    }

    /** Waits for the script to finish; fails with the recorded mismatch, if any. */
    void assertCompleted() throws InterruptedException {
        awaitSteps(script.steps().size());
        if (failure != null) {
            throw new AssertionError(failure);
        }
        if (stepsDone < script.steps().size()) {
            throw new AssertionError("script stopped at step " + stepsDone + " of " + script.steps().size());
        }
    }

    /** Ends the link and asserts nothing unexpected arrived after the script. */
    @Override
    public void close() throws InterruptedException, IOException {
        if (hostEnd != null) {
            hostEnd.close();
        }
        camEnd.close();
        thread.join(STEP_TIMEOUT_MS);
        if (failure != null) {
            throw new AssertionError(failure);
        }
    }

    /** Bytes received beyond the script. */
    long extraBytes() {
        return extraBytes;
    }

    /** Every byte the host sent, in order. */
    byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
