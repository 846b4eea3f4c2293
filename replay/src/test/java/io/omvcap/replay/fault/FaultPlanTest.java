package io.omvcap.replay.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.wire.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault specs: the issue's example, files, errors, and what the injector does with packets. */
class FaultPlanTest {
    @TempDir
    Path dir;

    @Test
    void theIssuesExampleParses() throws Exception {
        FaultPlan p = FaultPlan.parse("drop=0.01,corrupt=0.001,delay=5ms,nak=busy@10,disconnect@2s,stall=1s@read:3");
        List<FaultSpec> f = p.faults();
        assertEquals(6, f.size());
        assertEquals(FaultKind.DROP, f.get(0).kind());
        assertEquals(0.01, f.get(0).rate());
        assertEquals(5_000_000L, f.get(2).nanos());
        assertEquals(1.0, f.get(2).rate(), "a delay without rate delays every packet");
        assertEquals(Status.BUSY, f.get(3).status());
        assertEquals(10, f.get(3).atCount());
        assertEquals(2_000_000_000L, f.get(4).atNanos());
        assertEquals("read", f.get(5).packetKind());
        assertEquals(3, f.get(5).atCount());
        assertEquals("drop=0.01,corrupt=0.001,delay=5.0ms,nak=busy@10,disconnect@2s,stall=1s@read:3", p.describe());
    }

    @Test
    void aFileOfFaultsWithComments() throws Exception {
        Path file = dir.resolve("faults.txt");
        Files.writeString(file, "# a flaky cable\ndrop=0.05\nduplicate@event:2  # twice\n\nnak=checksum:0.1\n");
        FaultPlan p = FaultPlan.parse(file.toString());
        assertEquals(3, p.faults().size());
        assertEquals("event", p.faults().get(1).packetKind());
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertMessage("fault 'drop=1.5': rate must be above 0 and at most 1", "drop=1.5");
        assertMessage("unknown fault 'melt'", "melt=0.1");
        assertMessage("needs @WHEN", "disconnect");
        assertMessage("unknown NAK status 'nope'", "nak=nope@3");
        assertMessage("unknown packet kind 'frames'", "drop@frames:2");
        assertMessage("give either a rate or @WHEN", "drop=0.1@5");
        assertMessage("expected a duration", "delay=soon");
    }

    @Test
    void theInjectorDropsCorruptsDuplicatesAndNaks() {
        List<InjectedFault> log = new ArrayList<>();
        long[] now = {0};
        FaultInjector f = new FaultInjector(parse("drop@2,corrupt@3,duplicate@4,nak=timeout@size:2"), 1,
                () -> now[0], log::add);
        f.start();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            byte[] packet = {(byte) 0xAA, (byte) 0xD5, (byte) i, 4, 0, 0x26, 2, 0, 0, 0, 'o', 'k', 0, 0, 0, 0};
            f.send(packet, 0, packet.length, (b, o, n) -> sent.add(java.util.Arrays.copyOfRange(b, o, o + n)));
        }
        assertEquals(5, sent.size(), "1, 3 (corrupted), 4 twice, 5");
        assertEquals(3, sent.get(1)[2]);
        assertTrue(sent.get(1)[10] != 'o' || sent.get(1)[11] != 'k', "a payload byte flipped");
        assertEquals(4, sent.get(2)[2]);
        assertEquals(4, sent.get(3)[2]);
        assertEquals(null, f.onRequest(0x25, 4, 0));
        assertEquals(Status.TIMEOUT, f.onRequest(0x25, 4, 1));
        assertEquals(4, log.size());
        assertEquals(4, f.injected());
    }

    @Test
    void delaysKeepTheOrder() {
        long[] now = {0};
        FaultInjector f = new FaultInjector(parse("delay=5ms@1"), 1, () -> now[0], x -> { });
        f.start();
        List<Integer> sent = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            byte[] packet = {(byte) 0xAA, (byte) 0xD5, (byte) i, 4, 0, 0x26, 0, 0, 0, 0};
            f.send(packet, 0, packet.length, (b, o, n) -> sent.add((int) b[o + 2]));
        }
        assertEquals(List.of(), sent, "the first is held back, the others wait behind it");
        now[0] = 4_000_000;
        f.pump((b, o, n) -> sent.add((int) b[o + 2]));
        assertEquals(List.of(), sent);
        now[0] = 5_000_000;
        f.pump((b, o, n) -> sent.add((int) b[o + 2]));
        assertEquals(List.of(1, 2, 3), sent);
    }

    private static FaultPlan parse(String s) {
        try {
            return FaultPlan.parse(s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertMessage(String part, String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(spec));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
