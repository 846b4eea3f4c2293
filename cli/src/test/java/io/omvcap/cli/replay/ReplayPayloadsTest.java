package io.omvcap.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.cli.commands.ReplayCheck;
import io.omvcap.replay.Replay;
import io.omvcap.replay.ReplaySummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import io.omvcap.transport.Transports;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java host client reads every recorded payload of each sample session back, byte for byte. */
class ReplayPayloadsTest {
    static final Path SAMPLES = Path.of("..", "sample-sessions");

    @TempDir
    Path dir;

    /** Over a pseudo-terminal behind a symlink; the rough session's hang-up puts a new terminal behind it. */
    @ParameterizedTest
    @ValueSource(strings = {"frames-config.mcap", "rough.mcap"})
    void everyPayloadComesBackOverThePty(String name) throws Exception {
        Path file = SAMPLES.resolve(name);
        Path link = dir.resolve("omvcam");
        try (Replay replay = Replay.open(file).pty(link)) {
            ReplayCheck.Result r = ReplayCheck.run(List.of(file), () -> Transports.open(link.toString()),
                    Duration.ofSeconds(10));
            assertTrue(r.identical(), r.problems().toString());
            assertTrue(replay.awaitFinished(Duration.ofSeconds(5)));
            replay.close();
            assertEquals(r.payloads(), replay.summary().payloadsServed());
            assertEquals(name.equals("rough.mcap") ? 2 : 1, replay.summary().connections(),
                    replay.summary().lines().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"telemetry.mcap", "frames-config.mcap", "rough.mcap", "sim-session.mcap"})
    void everyPayloadComesBackInProcess(String name) throws Exception {
        Path file = SAMPLES.resolve(name);
        ReplaySummary summary;
        ReplayCheck.Result r;
        try (Replay replay = Replay.open(file).inProcess()) {
            r = ReplayCheck.run(List.of(file), replay::hostLink, Duration.ofSeconds(5));
            assertTrue(replay.awaitFinished(Duration.ofSeconds(5)), "the replay saw every payload consumed");
            replay.close();
            summary = replay.summary();
        }
        assertTrue(r.identical(), r.problems().toString());
        assertEquals(r.payloads(), summary.payloadsServed());
    }
}
