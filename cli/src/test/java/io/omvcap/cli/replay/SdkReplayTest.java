package io.omvcap.cli.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.cli.CliRun;
import io.omvcap.cli.ExitCode;
import io.omvcap.record.RecordingResult;
import io.omvcap.replay.RecordedPayloads;
import io.omvcap.replay.Replay;
import io.omvcap.replay.ReplayMode;
import io.omvcap.replay.ReplaySummary;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.SimCamServer;
import io.omvcap.serve.StatusListener;
import io.omvcap.sim.SimConfig;
import io.omvcap.tap.Tap;
import io.omvcap.tap.TapOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Python SDK (openmv-python) against replayed sessions: it reads every recorded payload,
 * byte for byte, the same on two runs; a session whose host requests came from the SDK replays
 * strictly to the SDK without divergence; and a session tapped between the SDK and the simulated cam
 * ({@code omvcap tap}) replays strictly to the SDK with the same payloads. Needs the SDK (never part of this repository) and
 * Debian's python3 with python3-serial, python3-numpy, python3-pil. Run it with
 * {@code OPENMV_SDK=/path/to/openmv-python/src mvn -B -pl cli -am test -Dtest=SdkReplayTest
 * -Dsurefire.failIfNoSpecifiedTests=false}; without {@code OPENMV_SDK} it is skipped (CI cannot
 * reach PyPI or ship the SDK).
 */
class SdkReplayTest {
    static final Path SAMPLES = Path.of("..", "sample-sessions");
    static final Path SCRIPT = Path.of("..", "replay", "src", "test", "python", "sdk_replay_check.py");
    static final Path COMPAT = Path.of("..", "replay", "src", "test", "python", "sdk_compat.py");
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTheSdk() {
        String sdk = System.getenv("OPENMV_SDK");
        Assumptions.assumeTrue(sdk != null && Files.isDirectory(Path.of(sdk, "openmv")),
                "set OPENMV_SDK to openmv-python/src to run the official SDK against replays");
    }

    @ParameterizedTest
    @ValueSource(strings = {"frames-config.mcap", "telemetry.mcap", "sim-session.mcap"})
    void theSdkReadsEveryRecordedPayloadTheSameOnTwoRuns(String name) throws Exception {
        Path session = SAMPLES.resolve(name);
        Map<String, byte[]> first = sdkRun(session, ReplayMode.MODEL, dir.resolve("run1"), null);
        Map<String, byte[]> second = sdkRun(session, ReplayMode.MODEL, dir.resolve("run2"), null);
        assertEquals(first.keySet(), second.keySet());
        for (String k : first.keySet()) {
            assertArrayEquals(first.get(k), second.get(k), k + " differs between the two runs");
        }
        try (RecordedPayloads recorded = RecordedPayloads.open(List.of(session))) {
            int compared = 0;
            for (String channel : recorded.channels()) {
                for (int n = 1; recorded.hasNext(channel); n++) {
                    byte[] want = recorded.next(channel);
                    byte[] got = first.get(channel + "-" + n + ".bin");
                    if (channel.equals("stdout") && got == null) {
                        break; // the SDK reads stdout only when the script polls it; not every session prints
                    }
                    assertArrayEquals(want, got, channel + " payload " + n);
                    compared++;
                }
            }
            assertEquals(first.size(), compared, "the SDK read nothing beyond the recording: " + first.keySet());
        }
    }

    @Test
    void aSessionOfSdkRequestsReplaysStrictlyToTheSdk() throws Exception {
        Path sdkSession = dir.resolve("sdk-host.mcap");
        sdkRun(SAMPLES.resolve("frames-config.mcap"), ReplayMode.MODEL, dir.resolve("model"), sdkSession);
        try (Replay replay = Replay.open(sdkSession).mode(ReplayMode.STRICT).pty(dir.resolve("strict-cam"))) {
            runScript(dir.resolve("strict-cam"), dir.resolve("strict"));
            replay.close();
            ReplaySummary s = replay.summary();
            assertEquals(0, s.divergenceCount(), s.lines().toString());
            assertTrue(s.matchedRequests() > 20, s.lines().toString());
            assertEquals(18, s.payloadsServed(), s.lines().toString());
        }
    }

    /**
     * The SDK's compatibility steps ({@code sdk_compat.py}) through {@code omvcap tap} to the simulated
     * cam, in two connections, then against a strict replay of the tapped archive, again twice: every
     * step passes, the steps whose output does not follow timing print the same (the payloads), nothing
     * diverges, the cam never hangs up, and {@code diff} finds the tapped and the replayed session the same.
     */
    @Test
    void aTappedSdkSessionReplaysStrictlyToTheSdk() throws Exception {
        Path camLink = dir.resolve("sim-cam");
        Path hostLink = dir.resolve("tapped-cam");
        Path tapped = dir.resolve("tapped.mcap");
        List<List<String>> throughTap = new ArrayList<>();
        try (SimCamServer sim = SimCamServer.start(SimConfig.builder().build(), new ServeTarget.Pty(camLink),
                StatusListener.NONE, 0)) {
            Tap tap = new Tap(TapOptions.defaults(camLink.toString(), new ServeTarget.Pty(hostLink), tapped), l -> { });
            AtomicReference<RecordingResult> result = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    result.set(tap.run());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "tap");
            t.start();
            assertNotNull(tap.awaitEndpoint(Duration.ofSeconds(20)), "the tap offers the link");
            try {
                for (int i = 0; i < 2; i++) {
                    throughTap.add(compatSteps(hostLink));
                }
            } finally {
                tap.stop();
                t.join(20_000);
            }
            assertEquals(null, result.get().error());
        }
        Path link = dir.resolve("replayed-cam");
        Path replayed = dir.resolve("replayed.mcap");
        List<List<String>> fromReplay = new ArrayList<>();
        try (Replay replay = Replay.open(tapped).mode(ReplayMode.STRICT).recordHost(replayed).pty(link)) {
            for (int i = 0; i < 2; i++) {
                fromReplay.add(compatSteps(link));
            }
            assertTrue(replay.awaitFinished(Duration.ofSeconds(5)), replay.summary().lines().toString());
            replay.close();
            ReplaySummary s = replay.summary();
            assertEquals(0, s.divergenceCount(), s.lines().toString());
            assertEquals(0, s.neverMadeCount(), s.lines().toString());
            assertEquals(2, s.connections(), s.lines().toString());
            assertEquals(0, s.hangUps(), s.lines().toString());
            assertTrue(s.matchedRequests() > 40, s.lines().toString());
        }
        assertEquals(throughTap, fromReplay, "the SDK got the tapped payloads back");
        CliRun diff = CliRun.of("diff", tapped.toString(), replayed.toString());
        assertEquals(ExitCode.OK, diff.code(), diff.out() + diff.err());
        assertTrue(diff.out().strip().endsWith("same"), diff.out());
    }

    /**
     * Runs {@code sdk_compat.py} on {@code link}; it must pass. Returns its step lines but those that
     * follow timing (the poll bits of read_status, the counters of device_stats).
     */
    private static List<String> compatSteps(Path link) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, COMPAT.toString(), link.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the SDK script finished");
        assertEquals(0, p.exitValue(), out);
        List<String> steps = out.lines().filter(l -> l.startsWith("PASS ") || l.startsWith("FAIL "))
                .filter(l -> !l.startsWith("PASS read_status") && !l.startsWith("PASS device_stats")).toList();
        assertEquals(9, steps.size(), out);
        return steps;
    }

    private Map<String, byte[]> sdkRun(Path session, ReplayMode mode, Path dump, Path recordHost) throws Exception {
        Path link = dir.resolve("cam-" + dump.getFileName());
        Replay.Builder b = Replay.open(session).mode(mode);
        if (recordHost != null) {
            b.recordHost(recordHost);
        }
        try (Replay replay = b.pty(link)) {
            runScript(link, dump);
            assertTrue(replay.awaitFinished(Duration.ofSeconds(5)), replay.summary().lines().toString());
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (var s = Files.list(dump)) {
            for (Path p : s.toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void runScript(Path link, Path dump) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, SCRIPT.toString(), link.toString(), dump.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the SDK script finished");
        assertEquals(0, p.exitValue(), out);
    }
}
