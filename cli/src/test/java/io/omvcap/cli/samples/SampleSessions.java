package io.omvcap.cli.samples;

import io.omvcap.host.Camera;
import io.omvcap.host.CameraOptions;
import io.omvcap.record.RecordOptions;
import io.omvcap.record.Recorder;
import io.omvcap.record.RecordingResult;
import io.omvcap.transport.Transports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Records the sessions of {@code sample-sessions/} from the simulated cam (see its README):
 * <ul>
 *   <li>{@value #TELEMETRY}: the recorder reading the {@code telemetry} channel for 4 s;</li>
 *   <li>{@value #FRAMES_CONFIG}: {@link FramesConfigHost}, stream and {@code frame} frames plus
 *       {@code config} writes;</li>
 *   <li>{@value #ROUGH}: the recorder uploading a script (the cam soft-reboots) through a bad cable
 *       ({@link RoughLinks}: line noise, a corrupted packet and a resync, then an unplug and a
 *       reconnect to a freshly booted cam, which soft-reboots again for the upload).</li>
 * </ul>
 */
public final class SampleSessions {
    /** Telemetry only. */
    public static final String TELEMETRY = "telemetry.mcap";
    /** Frames plus config writes. */
    public static final String FRAMES_CONFIG = "frames-config.mcap";
    /** Noise, a resync, soft reboots and a reconnect. */
    public static final String ROUGH = "rough.mcap";
    /** Simulated cam settings of the frames session. */
    public static final String FRAMES_SIM = "sim:size=160x120,fps=20,quiet,seed=5";

    private SampleSessions() {
    }

    /** Records all three into {@code dir}. */
    public static List<Path> recordAll(Path dir, Path camScript) throws Exception {
        Files.createDirectories(dir);
        return List.of(telemetry(dir.resolve(TELEMETRY)), framesConfig(dir.resolve(FRAMES_CONFIG)),
                rough(dir.resolve(ROUGH), camScript));
    }

    /** The recorder reading telemetry from a quiet simulated cam for 4 s. */
    public static Path telemetry(Path out) throws IOException {
        RecordOptions o = RecordOptions.defaults("sim:quiet,seed=3", out).withScript(null, List.of("telemetry"))
                .withDuration(Duration.ofSeconds(4)).withMode("simulated").withHeartbeat(Duration.ofSeconds(1));
        return single(new Recorder(o, line -> { }).run(), out);
    }

    /** {@link FramesConfigHost} against the simulated cam, archived host-side. */
    public static Path framesConfig(Path out) throws Exception {
        Files.deleteIfExists(out);
        try (HostRecording rec = new HostRecording(out, FRAMES_SIM, "simulated")) {
            Camera cam = rec.attach(new Camera(Transports.open(FRAMES_SIM), CameraOptions.defaults()));
            try {
                cam.connect();
                rec.device(cam);
                FramesConfigHost.run(cam, FramesConfigHost.WRITES);
                rec.device(cam);
            } finally {
                cam.close();
            }
        }
        return out;
    }

    /** The recorder with a script upload through {@link RoughLinks}, 7 s. */
    public static Path rough(Path out, Path camScript) throws IOException {
        RoughLinks.register(4_000);
        RecordOptions o = RecordOptions.defaults("rough:quiet,seed=4", out).withScript(camScript, List.of("telemetry"))
                .withDuration(Duration.ofSeconds(7)).withMode("simulated").withHeartbeat(Duration.ofSeconds(2));
        return single(new Recorder(o, line -> { }).run(), out);
    }

    private static Path single(RecordingResult r, Path out) throws IOException {
        if (r.failed() || r.files().size() != 1) {
            throw new IOException("recording " + out + " failed: " + r.error() + " " + r.files());
        }
        Path f = r.files().get(0);
        if (!f.equals(out)) {
            Files.move(f, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }
}
