package io.omvcap.cli.tap;

import io.omvcap.cli.samples.FramesConfigHost;
import io.omvcap.host.Camera;
import io.omvcap.host.CameraException;
import io.omvcap.host.CameraOptions;
import io.omvcap.link.ByteLink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A host program for the simulated cam that uses what a host program does through a tap, over two
 * connections: the first reads {@code ticks} whole and then with its own offset and size; the second
 * writes a multi-packet message to {@code echo} and reads the reply back in three ranges of its own,
 * runs {@link FramesConfigHost} (stream frames, {@code frame} channel, {@code config} reads and
 * writes), waits for stdout text by polling and reads it, and asks the cam's protocol statistics.
 * Apart from polls, channel-list refreshes and refused stream locks its requests do not depend on
 * timing, so strict replay can compare them.
 */
final class TappedHost {
    /** What the program sends to {@code echo}: several CHANNEL_WRITE packets at the default max payload. */
    static final byte[] ECHO = "tapped and replayed ".repeat(250).getBytes(StandardCharsets.US_ASCII);
    /** The echo reply's length ({@code "echo: "} before the message). */
    static final int ECHO_REPLY = ECHO.length + 6;
    /** The ranges the program reads the echo reply in: offset, length. */
    static final long[][] ECHO_RANGES = {{0, 7}, {7, 1993}, {2000, ECHO_REPLY - 2000}};

    /** Opens a link to the cam (again) for the next connection. */
    interface Links {
        ByteLink open() throws Exception;
    }

    private TappedHost() {
    }

    /** Runs the program; {@code configWrites} as in {@link FramesConfigHost#WRITES} (alter one for a host that differs). */
    static List<byte[]> run(Links links, String[] configWrites) throws Exception {
        List<byte[]> got = new ArrayList<>();
        try (Camera cam = new Camera(links.open(), CameraOptions.defaults())) {
            cam.connect();
            awaitChannel(cam, "ticks");
            got.add(cam.read("ticks"));
            got.add(cam.read("ticks", 3, 4));
        }
        try (Camera cam = new Camera(links.open(), CameraOptions.defaults())) {
            cam.connect();
            awaitChannel(cam, "config");
            cam.write("echo", ECHO);
            for (long[] r : ECHO_RANGES) {
                got.add(cam.read("echo", r[0], r[1]));
            }
            FramesConfigHost.Reads reads = FramesConfigHost.run(cam, configWrites);
            got.addAll(reads.stream());
            got.addAll(reads.frames());
            got.addAll(reads.config());
            int stdout = cam.channels().stream().filter(c -> c.name().equals("stdout")).findFirst().orElseThrow().id();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!cam.poll().isReady(stdout)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the cam printed nothing");
                }
                Thread.sleep(5);
            }
            got.add(cam.readStdout().getBytes(StandardCharsets.UTF_8));
            cam.stats(); // compared, its answer is the cam's own count
        }
        return got;
    }

    private static void awaitChannel(Camera cam, String name) throws CameraException {
        for (int i = 0; i < 300 && cam.channels().stream().noneMatch(c -> c.name().equals(name)); i++) {
            cam.pumpEvents(Duration.ofMillis(10));
        }
    }

    /** A readable list of what a run got, for assertion messages. */
    static String describe(List<byte[]> got) {
        List<String> out = new ArrayList<>();
        for (byte[] b : got) {
            out.add(b.length <= 24 ? Arrays.toString(b) : b.length + " bytes");
        }
        return out.toString();
    }
}
