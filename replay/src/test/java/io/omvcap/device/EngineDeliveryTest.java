package io.omvcap.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.payload.Caps;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.Status;
import io.omvcap.wire.PacketEncoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the engine tells its {@link RequestHook} that an answer reached the host: on the host's ACK
 * of its last packet, even when a SYNC follows in the same read, and when the host closes the link
 * after the last packet went out but before its ACK came; and that the script runs once the ACK
 * frees the link, before the next request of the same read is taken.
 */
class EngineDeliveryTest {
    /** The answers the hook heard of, as "OPCODE" or "OPCODE nak". */
    private static List<String> hooked(CamHarness h) {
        List<String> delivered = new ArrayList<>();
        h.engine.setRequestHook(new RequestHook() {
            @Override
            public void delivered(int channel, int opcode, boolean nak) {
                delivered.add(Opcode.nameOf(opcode) + (nak ? " nak" : ""));
            }
        });
        return delivered;
    }

    @Test
    void anAnswerAcknowledgedRightBeforeASyncIsDelivered() {
        CamHarness h = CamHarness.firmware();
        List<String> delivered = hooked(h);
        Packet answer = h.request(Opcode.CHANNEL_POLL, 0).get(0);
        assertTrue(answer.has(Flag.ACK_REQ), answer.toString());
        assertEquals(List.of(), delivered, "not before the host's ACK");
        ByteArrayOutputStream oneRead = new ByteArrayOutputStream();
        oneRead.writeBytes(PacketEncoder.encode(answer.ackFor(), true));
        oneRead.writeBytes(PacketEncoder.encode(Packet.of(0, 0, 0, Opcode.PROTO_SYNC), true));
        h.raw(oneRead.toByteArray());
        assertEquals(List.of("CHANNEL_POLL", "PROTO_SYNC"), delivered,
                "the ACK delivered the answer before the SYNC reset the protocol");
    }

    @Test
    void theScriptGetsItsTurnBetweenAnAckAndTheNextRequestOfTheSameRead() {
        CamHarness h = CamHarness.firmware();
        List<String> order = new ArrayList<>();
        h.engine.addTask(now -> order.add("task"));
        h.engine.setRequestHook(new RequestHook() {
            @Override
            public Status before(int channel, int opcode, byte[] buf, int off, int len) {
                order.add(Opcode.nameOf(opcode));
                return null;
            }
        });
        Packet answer = h.request(Opcode.CHANNEL_POLL, 0).get(0);
        assertTrue(answer.has(Flag.ACK_REQ), answer.toString());
        order.clear();
        ByteArrayOutputStream oneRead = new ByteArrayOutputStream();
        oneRead.writeBytes(PacketEncoder.encode(answer.ackFor(), true));
        oneRead.writeBytes(PacketEncoder.encode(Packet.of(answer.sequence() + 1, 0, 0, Opcode.CHANNEL_POLL), true));
        h.engine.receive(oneRead.toByteArray(), 0, oneRead.size());
        assertEquals(List.of("task", "CHANNEL_POLL"), order,
                "a host that sends its ACK and next request in one write does not starve the script");
    }

    @Test
    void anAnswerWhoseLastPacketWentOutIsDeliveredWhenTheHostLeaves() {
        CamHarness h = CamHarness.firmware();
        List<String> delivered = hooked(h);
        h.request(Opcode.CHANNEL_POLL, 0);
        h.engine.hostLeft();
        assertEquals(List.of("CHANNEL_POLL"), delivered);
        h.engine.hostLeft();
        assertEquals(List.of("CHANNEL_POLL"), delivered, "once");
    }

    @Test
    void anAnswerCutShortByTheHostLeavingIsNotDelivered() {
        CamHarness h = CamHarness.firmware();
        h.connect(new Caps(true, true, true, true, 50));
        List<String> delivered = hooked(h);
        List<Packet> first = h.request(Opcode.CHANNEL_LIST, 0);
        assertTrue(first.get(0).has(Flag.FRAGMENT), "64 bytes of channel list in 50-byte fragments");
        h.engine.hostLeft();
        assertEquals(List.of(), delivered, "the host left with fragments still to come");
    }
}
