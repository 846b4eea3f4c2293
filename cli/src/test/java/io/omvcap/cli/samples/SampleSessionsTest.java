package io.omvcap.cli.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.archive.ArchivedMessage;
import io.omvcap.cli.commands.ReplayCheck;
import io.omvcap.host.Camera;
import io.omvcap.host.CameraOptions;
import io.omvcap.replay.Replay;
import io.omvcap.replay.ReplayMode;
import java.time.Duration;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.SessionTotals;
import io.omvcap.archive.Topics;
import io.omvcap.mcap.MessageFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the sample sessions afresh and checks they hold what {@code sample-sessions/README.md}
 * says; checks the committed ones too. To regenerate the committed files:
 * {@code mvn -B -q -pl cli -am test -Dtest=SampleSessionsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Domvcap.samples.write=true}.
 */
class SampleSessionsTest {
    static final Path COMMITTED = Path.of("..", "sample-sessions");

    @TempDir
    Path dir;

    @Test
    void samplesRecordAndHoldWhatTheReadmeSays() throws Exception {
        boolean write = Boolean.getBoolean("omvcap.samples.write");
        Path target = write ? COMMITTED : dir;
        SampleSessions.recordAll(target, Path.of("..", "cam-scripts", "telemetry.py"));
        check(target);
        replays(target);
        if (!write) {
            check(COMMITTED);
        }
    }

    private static void check(Path d) throws Exception {
        Path telemetry = d.resolve(SampleSessions.TELEMETRY);
        Path frames = d.resolve(SampleSessions.FRAMES_CONFIG);
        Path rough = d.resolve(SampleSessions.ROUGH);
        for (Path p : new Path[] {telemetry, frames, rough}) {
            assertTrue(Files.size(p) < 2 * 1024 * 1024, p + " must stay under 2 MB: " + Files.size(p));
        }
        try (SessionReader r = SessionReader.open(telemetry)) {
            assertEquals(2, r.formatVersion());
            Set<String> data = channelTopics(r);
            assertEquals(Set.of("/channel/telemetry/telemetry"), data, "telemetry only");
            assertTrue(r.storedTotals().orElseThrow().topics().get("/channel/telemetry/telemetry").messages() >= 15);
        }
        try (SessionReader r = SessionReader.open(frames)) {
            Set<String> data = channelTopics(r);
            assertTrue(data.containsAll(Set.of("/channel/stream/frame", "/channel/frame/frame", "/channel/config/read",
                    "/channel/config/write")), data.toString());
            assertEquals(2, r.storedTotals().orElseThrow().topics().get("/channel/config/write").messages());
            assertEquals(FramesConfigHost.ROUNDS, r.storedTotals().orElseThrow().topics().get("/channel/stream/frame")
                    .messages());
        }
        try (SessionReader r = SessionReader.open(rough)) {
            SessionTotals t = r.storedTotals().orElseThrow();
            EnumSet<LifecycleKind> kinds = EnumSet.noneOf(LifecycleKind.class);
            try (var c = r.cursor(MessageFilter.ALL.withTopics(Set.of(Topics.SESSION)))) {
                while (c.next() != null) {
                    ArchivedMessage m = c.message();
                    kinds.add(LifecycleEvent.fromMap(m.decodeMap()).kind());
                }
            }
            assertTrue(kinds.containsAll(EnumSet.of(LifecycleKind.RESYNC, LifecycleKind.SOFT_REBOOT,
                    LifecycleKind.DISCONNECT, LifecycleKind.RECONNECT)), kinds.toString());
            assertTrue(t.noiseBytes(io.omvcap.wire.Direction.CAM_TO_HOST) >= RoughLinks.NOISE.length / 2,
                    "line noise recorded");
            assertTrue(t.invalidByReason().values().stream().mapToLong(Long::longValue).sum() >= 2, "bad CRCs");
            assertTrue(t.reconnects() >= 1);
        }
    }

    /** What was just recorded replays: every payload to the Java client, and strictly to the program that recorded it. */
    private static void replays(Path d) throws Exception {
        for (String name : new String[] {SampleSessions.TELEMETRY, SampleSessions.FRAMES_CONFIG, SampleSessions.ROUGH}) {
            Path f = d.resolve(name);
            ReplayCheck.Result r = ReplayCheck.inProcess(f, Duration.ofSeconds(5));
            assertTrue(r.identical(), name + ": " + r.problems());
        }
        Path frames = d.resolve(SampleSessions.FRAMES_CONFIG);
        try (Replay replay = Replay.open(frames).mode(ReplayMode.STRICT).inProcess()) {
            Camera cam = new Camera(replay.hostLink(), CameraOptions.defaults());
            cam.connect();
            FramesConfigHost.run(cam, FramesConfigHost.WRITES);
            cam.close();
            replay.close();
            assertEquals(0, replay.summary().divergenceCount(), replay.summary().lines().toString());
        }
    }

    private static Set<String> channelTopics(SessionReader r) {
        Set<String> s = new java.util.TreeSet<>();
        for (String t : r.topics()) {
            if (Topics.isChannelTopic(t)) {
                s.add(t);
            }
        }
        return s;
    }
}
