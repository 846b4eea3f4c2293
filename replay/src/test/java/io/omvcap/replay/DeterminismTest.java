package io.omvcap.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.payload.PollMask;
import io.omvcap.replay.fault.InjectedFault;
import io.omvcap.testing.WireHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * At {@code --speed max} nothing depends on the wall clock: the same host program run twice
 * against the same recording receives byte-identical bytes, seeded faults included.
 */
class DeterminismTest {
    static final Path FRAMES = Path.of("..", "sample-sessions", "frames-config.mcap");
    static final Path TELEMETRY = Path.of("..", "sample-sessions", "telemetry.mcap");

    @Test
    void theSameHostReceivesTheSameBytesTwice() throws Exception {
        for (Path session : List.of(FRAMES, TELEMETRY)) {
            Run a = run(session, "", 1);
            Run b = run(session, "", 1);
            assertTrue(a.bytes.length > 5_000, "the host received the session: " + a.bytes.length);
            assertTrue(a.payloads >= 18, "payloads read: " + a.payloads);
            assertArrayEquals(a.bytes, b.bytes, session + ": byte-identical");
        }
    }

    @Test
    void seededFaultsAreReproducible() throws Exception {
        String faults = "duplicate=0.1@read,nak=busy:0.1@size,delay=1ms:0.1@read";
        Run a = run(FRAMES, faults, 7);
        Run b = run(FRAMES, faults, 7);
        assertTrue(a.faults.size() >= 3, "faults were injected: " + a.faults);
        assertEquals(a.faults.stream().map(f -> f.kind() + " " + f.detail()).toList(),
                b.faults.stream().map(f -> f.kind() + " " + f.detail()).toList());
        assertArrayEquals(a.bytes, b.bytes);
        Run other = run(FRAMES, faults, 8);
        assertTrue(!other.faults.stream().map(InjectedFault::detail).toList()
                .equals(a.faults.stream().map(InjectedFault::detail).toList()), "another seed, other faults");
    }

    record Run(byte[] bytes, int payloads, List<InjectedFault> faults) {
    }

    /** A fixed host program: per round, poll and read every channel that has data (stream under lock). */
    private static Run run(Path session, String faults, long seed) throws Exception {
        try (Replay replay = Replay.open(session).faults(faults).seed(seed).inProcess()) {
            RecordingLink link = new RecordingLink(replay.hostLink());
            int payloads = 0;
            try (WireHost host = new WireHost(link, 2_000)) {
                host.connect(4096);
                ignoreNak(() -> host.ioctl(3, 0, new byte[] {1, 0, 0, 0}));
                for (int round = 0; round < 60; round++) {
                    Map<String, Integer> ids = host.channels();
                    PollMask mask;
                    try {
                        mask = host.poll();
                    } catch (WireHost.NakException e) {
                        continue;
                    }
                    for (Map.Entry<String, Integer> e : ids.entrySet()) {
                        int id = e.getValue();
                        if (id < 2 || !mask.isReady(id)) {
                            continue;
                        }
                        payloads += read(host, id) ? 1 : 0;
                    }
                }
            }
            replay.close();
            return new Run(link.received(), payloads, replay.summary().faults());
        }
    }

    private static boolean read(WireHost host, int id) throws IOException {
        try {
            if (id == 3) {
                host.lock(3);
            }
            long size = host.size(id);
            boolean got = size > 0 && host.read(id, 0, size).length == size;
            if (id == 3) {
                host.unlock(3);
            }
            return got;
        } catch (WireHost.NakException e) {
            return false;
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void ignoreNak(Io io) throws IOException {
        try {
            io.run();
        } catch (WireHost.NakException e) {
            // the host goes on
        }
    }
}
