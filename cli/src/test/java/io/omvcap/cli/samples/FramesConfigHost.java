package io.omvcap.cli.samples;

import io.omvcap.host.Camera;
import io.omvcap.host.CameraException;
import io.omvcap.host.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host program of {@code sample-sessions/frames-config.mcap}: turns the preview stream on,
 * then six times reads a stream frame and a {@code frame} channel frame and the {@code config}
 * text, writing a new JPEG quality to {@code config} before the third and fifth round. Its
 * requests do not depend on timing except for polls and refused locks (which strict replay
 * folds), so it can be replayed strictly against its own recording.
 */
public final class FramesConfigHost {
    /** Rounds of reads. */
    public static final int ROUNDS = 6;
    /** The config writes: round → text. */
    public static final String[] WRITES = {null, null, "{\"quality\": 40}", null, "{\"quality\": 75}", null};

    /** What the host read. */
    public record Reads(List<byte[]> stream, List<byte[]> frames, List<byte[]> config) {
    }

    private FramesConfigHost() {
    }

    /** Runs the program on a connected camera; {@code writes} can be altered to make a host that differs. */
    public static Reads run(Camera cam, String[] writes) throws CameraException, InterruptedException {
        List<byte[]> stream = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        List<byte[]> config = new ArrayList<>();
        cam.streaming(true);
        for (int round = 0; round < ROUNDS; round++) {
            if (writes[round] != null) {
                cam.write("config", writes[round].getBytes(StandardCharsets.US_ASCII));
            }
            stream.add(frame(cam));
            int id = cam.channels().stream().filter(c -> c.name().equals("frame")).findFirst().orElseThrow().id();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!cam.poll().isReady(id)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no frame on the frame channel");
                }
                Thread.sleep(5);
            }
            frames.add(cam.read("frame"));
            config.add(cam.read("config"));
        }
        cam.streaming(false);
        return new Reads(stream, frames, config);
    }

    private static byte[] frame(Camera cam) throws CameraException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            Optional<Frame> f = cam.readFrame();
            if (f.isPresent()) {
                return f.get().bytes();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no stream frame");
            }
            Thread.sleep(5);
        }
    }
}
