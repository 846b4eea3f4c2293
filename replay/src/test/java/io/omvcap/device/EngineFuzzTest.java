package io.omvcap.device;

import static io.omvcap.device.CamHarness.assertAck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.payload.Caps;
import io.omvcap.payload.U32;
import io.omvcap.sim.ScriptStart;
import io.omvcap.sim.SimCam;
import io.omvcap.sim.SimConfig;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketEncoder;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Randomised hostile input (fixed seeds): raw noise, mangled and well-formed packets with random
 * opcodes, channels, flags, sequence numbers and payloads, stray ACKs, time jumps. The engine must
 * never throw, only ever write well-formed packets, and answer a SYNC afterwards.
 */
class EngineFuzzTest {
    private static final int OPS = 3_000;

    @TestFactory
    Stream<DynamicTest> staysResponsive() {
        return LongStream.of(1, 2, 3, 42, 1234).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> fuzz(seed)));
    }

    private static void fuzz(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ScriptStart start = seed % 2 == 0 ? ScriptStart.MAIN_PY : ScriptStart.ON_EXEC;
        CamHarness h = new CamHarness((c, o) -> new SimCam(SimConfig.reference().scriptStart(start).prints(true)
                .build(), c, o).engine());
        h.advance(250);
        for (int i = 0; i < OPS; i++) {
            switch (rnd.nextInt(8)) {
                case 0 -> h.raw(randomBytes(rnd, rnd.nextInt(1, 300)));
                case 1, 2, 3 -> h.raw(PacketEncoder.encode(randomPacket(rnd, h), rnd.nextInt(10) > 0));
                case 4 -> {
                    byte[] p = PacketEncoder.encode(randomPacket(rnd, h));
                    p[rnd.nextInt(p.length)] ^= (byte) (1 << rnd.nextInt(8));
                    h.raw(p);
                }
                case 5 -> {
                    if (!h.out.isEmpty()) {
                        h.raw(PacketEncoder.encode(h.out.get(h.out.size() - 1).ackFor()));
                    }
                }
                case 6 -> h.raw(PacketEncoder.encode(Packet.of(h.engine.sequence(), rnd.nextInt(10), 0,
                        Opcode.values()[rnd.nextInt(Opcode.values().length)], randomBytes(rnd, rnd.nextInt(0, 20)))));
                default -> h.advance(rnd.nextInt(1, rnd.nextInt(10) == 0 ? 3000 : 30));
            }
            if (rnd.nextInt(4) > 0 && h.engine.busy() && !h.out.isEmpty()) {
                h.raw(PacketEncoder.encode(h.out.get(h.out.size() - 1).ackFor()));
            }
        }
        long answers = h.out.stream().filter(p -> !p.isEvent()).count();
        assertTrue(answers > OPS / 4, "the fuzz reached the request handlers: " + answers + " answers");
        // a host that lost track resyncs; the cam must answer within its longest ACK wait
        h.hostCrc(true);
        List<Packet> answer = List.of();
        byte[] sync = PacketEncoder.encode(Packet.of(0, 0, 0, Opcode.PROTO_SYNC));
        for (int attempt = 0; attempt < 10 && answer.isEmpty(); attempt++) {
            int from = h.out.size();
            h.raw(sync);
            h.advance(1_000);
            answer = h.since(from).stream().filter(p -> p.opcode() == Opcode.PROTO_SYNC.code()).toList();
        }
        assertTrue(!answer.isEmpty(), "seed " + seed + ": SYNC never answered");
        assertAck(answer.get(0));
        assertEquals(0, answer.get(0).sequence());
        h.connect(Caps.allOn(4082));
        List<Packet> size = h.call(Opcode.CHANNEL_SIZE, 2);
        assertEquals(1, size.size());
        assertEquals(Opcode.CHANNEL_SIZE.code(), size.get(0).opcode());
        assertEquals(h.engine.channel(2).backend().size(), U32.decode(size.get(0).payload()), "stdout size");
        assertEquals(Opcode.CHANNEL_LIST.code(), h.call(Opcode.CHANNEL_LIST, 0).get(0).opcode());
    }

    private static Packet randomPacket(SplittableRandom rnd, CamHarness h) {
        int op = rnd.nextInt(10) == 0 ? rnd.nextInt(256)
                : Opcode.values()[rnd.nextInt(Opcode.values().length)].code();
        int seq = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : h.engine.sequence();
        int ch = rnd.nextInt(5) == 0 ? rnd.nextInt(256) : rnd.nextInt(10);
        int flags = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 0;
        int len = switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 4;
            case 2 -> 8;
            case 3 -> 16;
            case 4 -> rnd.nextInt(0, 64);
            default -> rnd.nextInt(0, 5000);
        };
        byte[] payload = randomBytes(rnd, len);
        if (op == Opcode.CHANNEL_READ.code() && len == 8 && rnd.nextBoolean()) {
            payload = new byte[] {0, 0, 0, 0, (byte) rnd.nextInt(256), (byte) rnd.nextInt(64), 0, 0};
        }
        return new Packet(seq, ch, flags, op, payload);
    }

    private static byte[] randomBytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (rnd.nextInt(16) == 0 ? 0xAA : rnd.nextInt(256));
        }
        return b;
    }
}
