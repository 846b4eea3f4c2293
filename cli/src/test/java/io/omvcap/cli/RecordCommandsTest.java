package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omvcap.host.Camera;
import io.omvcap.host.CameraOptions;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.SimCamServer;
import io.omvcap.serve.StatusListener;
import io.omvcap.sim.SimSpec;
import io.omvcap.transport.Transports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code record}, {@code demo} and {@code sim} through the command line. */
class RecordCommandsTest {
    @TempDir
    Path dir;

    @Test
    void recordUsageAndPortErrors() throws Exception {
        CliRun noPort = CliRun.of("record", "--duration", "1s");
        assertEquals(ExitCode.USAGE, noPort.code());
        assertTrue(noPort.err().contains("missing --port"), noPort.err());
        CliRun badDuration = CliRun.of("record", "--port", "sim:", "--duration", "soon");
        assertEquals(ExitCode.USAGE, badDuration.code());
        CliRun badCompression = CliRun.of("record", "--port", "sim:", "--compression", "gzip");
        assertEquals(ExitCode.USAGE, badCompression.code());
        assertTrue(badCompression.err().contains("--compression must be one of zstd, lz4, none"), badCompression.err());
        CliRun missing = CliRun.of("record", "--port", dir.resolve("ttyNOPE").toString(), "--out", dir.toString());
        assertEquals(ExitCode.ERROR, missing.code());
        assertEquals(1, missing.err().lines().filter(l -> l.contains("error")).count(), missing.err());
        assertTrue(missing.err().contains("ttyNOPE"), missing.err());
        Path file = dir.resolve("a-file");
        java.nio.file.Files.writeString(file, "x");
        CliRun unwritable = CliRun.of("record", "--port", "sim:", "--out", file.resolve("sub").toString());
        assertEquals(ExitCode.ERROR, unwritable.code());
        assertEquals(1, unwritable.err().lines().count(), unwritable.err());
        CliRun badSim = CliRun.of("record", "--port", "sim:fps=fast", "--out", dir.toString());
        assertEquals(ExitCode.ERROR, badSim.code());
        assertTrue(badSim.err().contains("bad number in 'fps=fast'"), badSim.err());
    }

    @Test
    void waitForPortWaitsForALateCamOrGivesUpInOneLine() throws Exception {
        Path link = dir.resolve("ttyLATE");
        CliRun gaveUp = CliRun.of("record", "--port", link.toString(), "--wait-for-port", "700ms", "--out", dir.toString());
        assertEquals(ExitCode.ERROR, gaveUp.code());
        assertTrue(gaveUp.err().contains("omvcap record: error: " + link + " did not appear within 0.7s"), gaveUp.err());
        assertEquals(1, gaveUp.err().lines().filter(l -> l.contains("error")).count(), gaveUp.err());
        CliRun zero = CliRun.of("record", "--port", link.toString(), "--wait-for-port", "0");
        assertEquals(ExitCode.USAGE, zero.code());
        assertTrue(zero.err().contains("--wait-for-port must be positive"), zero.err());

        Path out = dir.resolve("late.mcap");
        AtomicReference<CliRun> run = new AtomicReference<>();
        Thread recorder = new Thread(() -> run.set(CliRun.of("record", "--port", link.toString(), "--wait-for-port",
                "--duration", "1500ms", "--out", out.toString())));
        recorder.start();
        Thread.sleep(800);
        try (SimCamServer cam = SimCamServer.start(SimSpec.parse("quiet"), new ServeTarget.Pty(link),
                StatusListener.NONE, 0)) {
            recorder.join(20_000);
        }
        assertEquals(0, run.get().code(), run.get().err());
        assertTrue(run.get().err().contains("omvcap: waiting for " + link + " to appear (forever)"), run.get().err());
        assertTrue(run.get().err().contains("omvcap: " + link + " appeared after "), run.get().err());
        assertTrue(Files.exists(out));
    }

    /**
     * Permission denied, even for root: sysfs refuses to open a read-only attribute for writing and
     * to create files. (File modes cannot show it when the tests run as root, as CI does.)
     */
    @Test
    void permissionDeniedOnThePortOrTheOutputIsOneLine() {
        Path readOnlyAttribute = Path.of("/sys/kernel/notes");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(readOnlyAttribute),
                "needs Linux sysfs (/sys/kernel/notes) to provoke permission denied as root");
        Path out = dir.resolve("never.mcap");
        CliRun port = CliRun.of("record", "--port", readOnlyAttribute.toString(), "--out", out.toString());
        assertEquals(ExitCode.ERROR, port.code());
        assertEquals(1, port.err().lines().count(), port.err());
        assertTrue(port.err().contains("permission denied opening serial port /sys/kernel/notes"), port.err());
        assertTrue(!Files.exists(out) && !Files.exists(Path.of(out + ".part")), "no file for a port that never opened");
        CliRun output = CliRun.of("record", "--port", "sim:", "--out", "/sys/omvcap-denied.mcap", "--duration", "1s");
        assertEquals(ExitCode.ERROR, output.code());
        assertEquals(1, output.err().lines().count(), output.err());
        // "/sys/omvcap-denied.mcap.part: permission denied", or "/sys: ..." where sysfs is mounted read-only
        assertTrue(output.err().contains("/sys") && output.err().contains("permission denied"), output.err());
    }

    @Test
    void recordFromTheSimulatedCamPrintsTheSummary() throws Exception {
        Path out = dir.resolve("sim.mcap");
        CliRun r = CliRun.of("record", "--port", "sim:fps=20", "--out", out.toString(), "--duration", "2s", "--stream",
                "--compression", "lz4", "--label", "site=lab", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode info = Json.mapper().readTree(r.out());
        assertEquals("lab", info.at("/session/label.site").asText());
        assertEquals("simulated", info.at("/session/mode").asText());
        assertEquals("lz4", info.get("compression").asText());
        assertTrue(Files.exists(out));
        assertTrue(r.err().contains("duration reached"), r.err());
    }

    @Test
    void demoRecordsAndShowsTheSession() {
        Path out = dir.resolve("demo.mcap");
        CliRun r = CliRun.of("demo", "--duration", "1500ms", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out));
        assertTrue(r.out().contains("/channel/telemetry/telemetry"), r.out());
        assertTrue(r.out().contains("/channel/stream/frame"), r.out());
        assertTrue(r.out().contains("mode simulated"), r.out());
    }

    @Test
    void simServesOverTcpOnLoopback() throws Exception {
        AtomicReference<CliRun> run = new AtomicReference<>();
        Thread server = new Thread(() -> run.set(CliRun.of("sim", "--tcp", "127.0.0.1:47391", "--duration", "4s")));
        server.start();
        String reply = null;
        for (int i = 0; i < 100 && reply == null; i++) {
            try (Camera cam = new Camera(Transports.open("tcp://127.0.0.1:47391"), CameraOptions.defaults())) {
                cam.connect();
                reply = new String(cam.read("config"));
            } catch (java.io.IOException e) {
                Thread.sleep(50);
            }
        }
        server.join();
        assertEquals("{\"quality\": 90}", reply);
        assertEquals(0, run.get().code(), run.get().err());
        assertEquals("tcp://127.0.0.1:47391\n", run.get().out());
        assertEquals(ExitCode.USAGE, CliRun.of("sim", "--tcp", "x:y").code());
        assertEquals(ExitCode.USAGE, CliRun.of("sim", "--pty", "--tcp", "1").code());
    }
}
