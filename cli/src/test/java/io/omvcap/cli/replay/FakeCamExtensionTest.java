package io.omvcap.cli.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.cli.samples.FramesConfigHost;
import io.omvcap.host.Camera;
import io.omvcap.host.CameraOptions;
import io.omvcap.link.ByteLink;
import io.omvcap.replay.RecordedPayloads;
import io.omvcap.replay.Replay;
import io.omvcap.replay.ReplayMode;
import io.omvcap.replay.junit.FakeCam;
import io.omvcap.replay.junit.FakeCamPort;
import io.omvcap.transport.Transports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code @FakeCam} extension with the Java host client: in-process, over a pty and over TCP. */
class FakeCamExtensionTest {
    @Test
    @FakeCam(session = "sample-sessions/frames-config.mcap", mode = ReplayMode.STRICT, failOnDivergence = true)
    void strictInProcess(Replay fakeCam, ByteLink link) throws Exception {
        Camera cam = new Camera(link, CameraOptions.defaults());
        cam.connect();
        FramesConfigHost.run(cam, FramesConfigHost.WRITES);
        cam.close();
        assertEquals(List.of(), fakeCam.divergences());
        assertEquals(List.of("{\"quality\": 40}", "{\"quality\": 75}"),
                fakeCam.writes("config").stream().map(b -> new String(b, StandardCharsets.US_ASCII)).toList());
    }

    @Test
    @FakeCam(session = "sample-sessions/telemetry.mcap", transport = FakeCam.Transport.PTY)
    void modelOverAPty(@FakeCamPort String port) throws Exception {
        assertTrue(port.startsWith("/dev/pts/"), port);
        assertTelemetry(new Camera(Transports.open(port), CameraOptions.defaults()));
    }

    @Test
    @FakeCam(session = "sample-sessions/telemetry.mcap", transport = FakeCam.Transport.TCP)
    void modelOverTcp(@FakeCamPort String address, Replay fakeCam) throws Exception {
        assertTrue(address.startsWith("tcp://127.0.0.1:"), address);
        assertTelemetry(new Camera(Transports.open(address), CameraOptions.defaults()));
        long end = System.nanoTime() + 2_000_000_000L;
        while (fakeCam.summary().payloadsServed() < 5 && System.nanoTime() < end) {
            Thread.sleep(5); // the last read counts once the cam has its ACK
        }
        assertEquals(5, fakeCam.summary().payloadsServed());
    }

    private static void assertTelemetry(Camera cam) throws Exception {
        cam.connect();
        try (RecordedPayloads recorded = RecordedPayloads.open(List.of(Path.of("..", "sample-sessions",
                "telemetry.mcap")))) {
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(recorded.next("telemetry"), cam.read("telemetry"));
            }
        } finally {
            cam.close();
        }
    }
}
