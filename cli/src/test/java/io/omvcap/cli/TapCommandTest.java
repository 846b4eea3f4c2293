package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omvcap.OmvcapVersion;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import io.omvcap.host.Camera;
import io.omvcap.host.CameraOptions;
import io.omvcap.record.ArchiveSink;
import io.omvcap.record.RecorderStats;
import io.omvcap.record.SegmentedArchive;
import io.omvcap.record.StorageOptions;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.SimCamServer;
import io.omvcap.serve.StatusListener;
import io.omvcap.sim.SimConfig;
import io.omvcap.transport.SerialLink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code tap} and {@code ports} through the command line. */
@Timeout(120)
class TapCommandTest {
    @TempDir
    Path dir;

    @Test
    void usageErrorsAreOneLine() {
        CliRun noPort = CliRun.of("tap", "--link", dir.resolve("x").toString());
        assertEquals(ExitCode.USAGE, noPort.code());
        assertTrue(noPort.err().contains("missing --port"), noPort.err());
        CliRun noSide = CliRun.of("tap", "--port", "sim:");
        assertEquals(ExitCode.USAGE, noSide.code());
        assertTrue(noSide.err().contains("choose where hosts connect: one of --pty, --link PATH, --tcp HOST:PORT"), noSide.err());
        CliRun twoSides = CliRun.of("tap", "--port", "sim:", "--pty", "--tcp", "5555");
        assertEquals(ExitCode.USAGE, twoSides.code());
        CliRun badTcp = CliRun.of("tap", "--port", "sim:", "--tcp", "here:there");
        assertEquals(ExitCode.USAGE, badTcp.code());
        assertTrue(badTcp.err().contains("--tcp"), badTcp.err());
        CliRun missing = CliRun.of("tap", "--port", dir.resolve("ttyNOPE").toString(), "--pty", "--out", dir.toString());
        assertEquals(ExitCode.ERROR, missing.code());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().contains("ttyNOPE"), missing.err());
        for (CliRun r : List.of(noPort, noSide, twoSides, badTcp)) {
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void portsListsThisMachinesSerialPorts() throws Exception {
        CliRun text = CliRun.of("ports");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.err().matches("(?s)omvcap: \\d+ serial port\\(s\\), \\d+ OpenMV cam\\(s\\)\\s*"), text.err());
        CliRun json = CliRun.of("ports", "--json");
        JsonNode ports = Json.mapper().readTree(json.out());
        assertTrue(ports.isArray());
        assertEquals(ports.size(), text.out().lines().count());
        for (JsonNode p : ports) {
            assertTrue(p.get("path").asText().length() > 0);
            assertTrue(p.has("openmv") && p.has("usb_id") && p.has("serial_number"));
        }
    }

    @Test
    void recordWithPortAutoAndNoCamSaysWhichPortsItSaw() {
        boolean camHere = io.omvcap.transport.SerialPorts.list().stream()
                .anyMatch(io.omvcap.transport.SerialPorts.PortInfo::openMv);
        org.junit.jupiter.api.Assumptions.assumeFalse(camHere, "an OpenMV cam is attached to this machine");
        CliRun r = CliRun.of("record", "--port", "auto", "--out", dir.toString(), "--duration", "1s");
        assertEquals(ExitCode.ERROR, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("--port auto: no OpenMV cam attached (ports seen: "), r.err());
    }

    /**
     * A host program reading with its own sizes and offsets through {@code omvcap tap}: {@code info}
     * and {@code cat} show the same per-channel reads as a host-mode recording of the same reads.
     */
    @Test
    void aTappedSessionShowsTheSameReadsInInfoAndCatAsAHostModeRecording() throws Exception {
        Path camLink = dir.resolve("cam");
        Path hostLink = dir.resolve("tapped");
        Path tapped = dir.resolve("tapped.mcap");
        Path hostMode = dir.resolve("host").resolve("host.mcap");
        SegmentedArchive host = new SegmentedArchive(StorageOptions.defaults(hostMode), new RecorderStats(), l -> { });
        host.prepare();
        host.start(new SessionFacts(OmvcapVersion.get(), "host", "test", 0, SessionClock.startNow(), 0, "", null));
        AtomicReference<CliRun> run = new AtomicReference<>();
        try (SimCamServer sim = SimCamServer.start(SimConfig.builder().build(), new ServeTarget.Pty(camLink),
                StatusListener.NONE, 0)) {
            Thread t = new Thread(() -> run.set(CliRun.of("tap", "--port", camLink.toString(), "--link",
                    hostLink.toString(), "--out", tapped.toString(), "--duration", "8s", "--label", "run=ci")));
            t.start();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!Files.exists(hostLink) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            try (Camera cam = new Camera(SerialLink.open(hostLink.toString()), CameraOptions.defaults())) {
                ArchiveSink sink = new ArchiveSink(host);
                cam.addTap(sink);
                cam.addSessionListener(sink);
                cam.connect();
                for (int i = 0; i < 300 && cam.channels().stream().noneMatch(c -> c.name().equals("config")); i++) {
                    cam.pumpEvents(Duration.ofMillis(10));
                }
                cam.write("echo", "0123456789abcdefghijklmnopqrstuvwxyz".getBytes());
                for (long[] r : new long[][] {{0, 7}, {7, 13}, {20, 1}, {21, 21}}) {
                    cam.read("echo", r[0], r[1]);
                }
                cam.read("ticks", 3, 4);
                cam.read("ticks", 0, 10);
                cam.read("config", 2, 7);
                host.device(System.nanoTime(), new DeviceFacts(cam.version(), cam.sysInfo(), cam.caps(), cam.channels()));
            }
            t.join(30_000);
        }
        host.finish(LifecycleEvent.of(LifecycleKind.STOP, "done"));
        CliRun r = run.get();
        assertEquals(0, r.code(), r.err());
        assertEquals(hostLink + " -> ", r.out().lines().findFirst().orElse("").replaceAll("/dev/pts/\\d+$", ""),
                "where hosts connect, first on stdout");
        assertTrue(r.out().contains("mode tap"), r.out());
        assertTrue(r.err().contains("duration reached"), r.err());

        CliRun tapInfo = CliRun.of("info", tapped.toString(), "--json");
        CliRun hostInfo = CliRun.of("info", hostMode.toString(), "--json");
        assertEquals(0, tapInfo.code(), tapInfo.err());
        JsonNode tapChannels = Json.mapper().readTree(tapInfo.out()).get("device_channels");
        JsonNode hostChannels = Json.mapper().readTree(hostInfo.out()).get("device_channels");
        assertEquals(readsPerChannel(hostChannels), readsPerChannel(tapChannels));
        assertTrue(readsPerChannel(tapChannels).stream().anyMatch(l -> l.startsWith("echo 4 reads ")),
                readsPerChannel(tapChannels).toString());
        assertEquals("ci", Json.mapper().readTree(tapInfo.out()).at("/session/label.run").asText());

        CliRun tapCat = CliRun.of("cat", tapped.toString(), "--topic", "/channel/*/read", "--json");
        CliRun hostCat = CliRun.of("cat", hostMode.toString(), "--topic", "/channel/*/read", "--json");
        assertEquals(withoutTimes(hostCat.out()), withoutTimes(tapCat.out()));
        assertEquals(7, withoutTimes(tapCat.out()).size());
    }

    private static List<String> readsPerChannel(JsonNode channels) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : channels) {
            out.add(c.get("name").asText() + " " + c.path("read_messages").asLong() + " reads "
                    + c.path("read_bytes").asLong() + " B");
        }
        return out;
    }

    private static List<String> withoutTimes(String catJson) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : catJson.lines().toList()) {
            JsonNode n = Json.mapper().readTree(line);
            out.add(n.get("topic").asText() + " " + n.get("data"));
        }
        return out;
    }
}
