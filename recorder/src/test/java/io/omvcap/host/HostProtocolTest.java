package io.omvcap.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.host.Reception.Kind;
import io.omvcap.payload.Caps;
import io.omvcap.payload.Nak;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.Status;
import io.omvcap.wire.WireFormatException;
import org.junit.jupiter.api.Test;

/** The pure host state machine, packet by packet, without threads or links. */
class HostProtocolTest {
    private static final int ACK = Flag.ACK.mask();
    private static final int NAK = Flag.NAK.mask();
    private static final int AREQ = Flag.ACK_REQ.mask();
    private static final int FRAG = Flag.FRAGMENT.mask();
    private static final int RTX = Flag.RTX.mask();
    private static final int EVT = Flag.EVENT.mask();

    private final HostProtocol protocol = new HostProtocol(1 << 20);

    private static Packet cam(int seq, int ch, int flags, Opcode op, byte[] payload) {
        return Packet.of(seq, ch, flags, op, payload);
    }

    private static Packet nak(int seq, int ch, Opcode op, Status status) {
        return cam(seq, ch, NAK, op, Nak.encode(status));
    }

    @Test
    void syncResetsTheCounterAndItsAckAnswersWhateverItsSeq() {
        protocol.request(Opcode.CHANNEL_POLL, 0, new byte[0]);
        protocol.abandon();
        Packet sync = protocol.sync();
        assertEquals(0, sync.sequence());
        assertEquals(Opcode.PROTO_SYNC.code(), sync.opcode());
        Reception r = protocol.receive(cam(7, 0, ACK, Opcode.PROTO_SYNC, new byte[0]));
        assertEquals(Kind.ANSWER, r.kind());
        assertNull(r.ack());
        assertEquals(0, protocol.sequence(), "the counter stays 0 after the SYNC ACK");
    }

    @Test
    void answersAdvanceTheCounterAndAckRequestsAreAcked() {
        Packet req = protocol.request(Opcode.PROTO_GET_CAPS, 0, new byte[0]);
        assertEquals(0, req.sequence());
        byte[] caps = Caps.allOn(4082).encode();
        Reception r = protocol.receive(cam(0, 0, AREQ, Opcode.PROTO_GET_CAPS, caps));
        assertEquals(Kind.ANSWER, r.kind());
        assertArrayEquals(caps, r.payload());
        assertEquals(Packet.of(0, 0, ACK, Opcode.PROTO_GET_CAPS), r.ack());
        assertEquals(1, protocol.sequence());
        assertFalse(protocol.hasPending());
    }

    @Test
    void fragmentsJoinAndEachAdvancesTheCounter() {
        protocol.request(Opcode.CHANNEL_READ, 6, new byte[8]);
        assertEquals(Kind.FRAGMENT, protocol.receive(cam(0, 6, AREQ | FRAG, Opcode.CHANNEL_READ, new byte[] {1, 2})).kind());
        Reception ev = protocol.receive(cam(1, 6, EVT, Opcode.CHANNEL_EVENT, new byte[] {1, 0}));
        assertEquals(Kind.EVENT, ev.kind());
        assertEquals(1, ev.event().code());
        assertEquals(Kind.FRAGMENT, protocol.receive(cam(1, 6, AREQ | FRAG, Opcode.CHANNEL_READ, new byte[] {3})).kind());
        Reception last = protocol.receive(cam(2, 6, AREQ, Opcode.CHANNEL_READ, new byte[] {4, 5}));
        assertEquals(Kind.ANSWER, last.kind());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, last.payload());
        assertEquals(3, protocol.sequence(), "three fragments, events do not count");
    }

    @Test
    void retransmittedCopiesAreReAckedAndDropped() {
        protocol.request(Opcode.CHANNEL_READ, 6, new byte[8]);
        Packet first = cam(0, 6, AREQ | FRAG, Opcode.CHANNEL_READ, new byte[] {1});
        assertEquals(Kind.FRAGMENT, protocol.receive(first).kind());
        Reception dup = protocol.receive(first.withFlags(first.flags() | RTX));
        assertEquals(Kind.DUPLICATE, dup.kind());
        assertEquals(first.ackFor(), dup.ack());
        Reception done = protocol.receive(cam(1, 6, AREQ, Opcode.CHANNEL_READ, new byte[] {2}));
        assertArrayEquals(new byte[] {1, 2}, done.payload(), "the copy's bytes were not joined");
    }

    @Test
    void aRetransmissionOfALostPacketIsTaken() {
        protocol.request(Opcode.CHANNEL_SIZE, 4, new byte[0]);
        Reception r = protocol.receive(cam(0, 4, AREQ | RTX, Opcode.CHANNEL_SIZE, new byte[] {10, 0, 0, 0}));
        assertEquals(Kind.ANSWER, r.kind(), "RTX with the expected seq is the answer, the original was lost");
    }

    /** h-noise: NAK CHECKSUM for an injected CHANNEL_READ seq 11 while CHANNEL_SIZE seq 11 waits. */
    @Test
    void aStaleNakWithTheRightSeqButAnotherOpcodeIsNotTheAnswer() {
        advanceTo(11);
        protocol.request(Opcode.CHANNEL_SIZE, 4, new byte[0]);
        Reception stale = protocol.receive(nak(11, 4, Opcode.CHANNEL_READ, Status.CHECKSUM));
        assertEquals(Kind.STALE, stale.kind());
        assertTrue(stale.reason().contains("does not answer CHANNEL_SIZE"), stale.reason());
        assertTrue(protocol.hasPending());
        Reception seq = protocol.receive(nak(12, 4, Opcode.CHANNEL_SIZE, Status.SEQUENCE));
        assertEquals(Kind.NAK, seq.kind(), "NAK SEQUENCE carries the cam's counter and still answers");
        assertEquals(Status.SEQUENCE.code(), seq.status());
    }

    /** With sequence checks off nothing but opcode and channel can tell: the real answer still wins. */
    @Test
    void withoutSequenceChecksTheStaleNakIsDroppedAndTheRealAnswerTaken() {
        protocol.setCaps(new Caps(true, false, true, true, 4082));
        advanceTo(11);
        protocol.request(Opcode.CHANNEL_SIZE, 4, new byte[0]);
        assertEquals(Kind.STALE, protocol.receive(nak(11, 4, Opcode.CHANNEL_READ, Status.CHECKSUM)).kind());
        Reception r = protocol.receive(cam(12, 4, AREQ, Opcode.CHANNEL_SIZE, new byte[] {10, 0, 0, 0}));
        assertEquals(Kind.ANSWER, r.kind());
        assertArrayEquals(new byte[] {10, 0, 0, 0}, r.payload());
    }

    @Test
    void anAnswerWithTheWrongSeqIsStaleWhenSequenceChecksAreOn() {
        advanceTo(5);
        protocol.request(Opcode.CHANNEL_POLL, 0, new byte[0]);
        Reception late = protocol.receive(cam(4, 0, AREQ, Opcode.CHANNEL_POLL, new byte[4]));
        assertEquals(Kind.STALE, late.kind());
        assertEquals(late.ack(), Packet.of(4, 0, ACK, Opcode.CHANNEL_POLL), "still ACKed so the cam moves on");
        assertEquals(Kind.NAK, protocol.receive(nak(5, 0, Opcode.CHANNEL_POLL, Status.BUSY)).kind());
        assertEquals(6, protocol.sequence(), "a NAK advances the counter like any cam packet");
    }

    @Test
    void packetsWithNoRequestOutstandingAreStale() {
        Reception r = protocol.receive(cam(0, 2, AREQ, Opcode.CHANNEL_READ, new byte[] {1}));
        assertEquals(Kind.STALE, r.kind());
        assertTrue(r.reason().contains("no request outstanding"));
        assertEquals(0, protocol.sequence());
    }

    @Test
    void malformedEventsAreDroppedNotFatal() {
        Reception r = protocol.receive(cam(0, 0, EVT, Opcode.SYS_EVENT, new byte[] {1, 2, 3}));
        assertEquals(Kind.STALE, r.kind());
    }

    @Test
    void onlyOneRequestAtATimeAndAnswersAreBounded() {
        HostProtocol small = new HostProtocol(3);
        small.request(Opcode.CHANNEL_READ, 2, new byte[8]);
        assertThrows(IllegalStateException.class, () -> small.request(Opcode.CHANNEL_POLL, 0, new byte[0]));
        small.receive(cam(0, 2, FRAG, Opcode.CHANNEL_READ, new byte[] {1, 2}));
        assertThrows(WireFormatException.class, () -> small.receive(cam(1, 2, FRAG, Opcode.CHANNEL_READ, new byte[] {3, 4})));
        assertFalse(small.hasPending());
    }

    @Test
    void resetRestoresDefaultFraming() {
        protocol.setCaps(new Caps(false, false, false, false, 512));
        advanceTo(9);
        protocol.reset();
        assertEquals(Caps.HOST_DEFAULT, protocol.caps());
        assertEquals(0, protocol.sequence());
    }

    private void advanceTo(int seq) {
        while (protocol.sequence() != seq) {
            protocol.request(Opcode.CHANNEL_POLL, 0, new byte[0]);
            protocol.receive(cam(protocol.sequence(), 0, 0, Opcode.CHANNEL_POLL, new byte[4]));
        }
    }
}
