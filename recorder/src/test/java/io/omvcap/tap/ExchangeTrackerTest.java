package io.omvcap.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.omvcap.archive.ChannelData;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.EventRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.payload.Caps;
import io.omvcap.payload.ReadRequest;
import io.omvcap.payload.WriteRequest;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pairing rules of the tap, packet by packet. */
class ExchangeTrackerTest {
    private final List<String> out = new ArrayList<>();
    private final List<String> devices = new ArrayList<>();
    private ExchangeTracker tracker;
    private long t;

    @BeforeEach
    void start() {
        tracker = new ExchangeTracker(new ExchangeTracker.Output() {
            @Override
            public void read(long nanoTime, ChannelData r) {
                out.add("read " + r.channel() + "@" + r.offset() + " " + new String(r.data(), StandardCharsets.US_ASCII));
            }

            @Override
            public void write(long nanoTime, ChannelData w) {
                out.add("write " + w.channel() + "@" + w.offset() + " " + w.data().length);
            }

            @Override
            public void event(long nanoTime, EventRecord e) {
                out.add("event " + e.name());
            }

            @Override
            public void device(long nanoTime, DeviceFacts f) {
                devices.add("device " + f.caps());
            }

            @Override
            public void lifecycle(long nanoTime, LifecycleEvent e) {
                out.add(e.kind().wireName() + " " + e.detail());
            }

            @Override
            public void unpaired(long nanoTime, String what) {
                out.add("unpaired " + what);
            }

            @Override
            public void unanswered(long nanoTime, String what) {
                out.add("unanswered " + what);
            }

            @Override
            public void late(long nanoTime, String what) {
                out.add("late " + what);
            }
        });
        tracker.hostOpened();
    }

    private Framing host(int seq, int ch, int flags, Opcode op, byte[] payload) {
        return tracker.packet(Direction.HOST_TO_CAM, ++t, Packet.of(seq, ch, flags, op, payload));
    }

    private Framing cam(int seq, int ch, int flags, Opcode op, byte[] payload) {
        return tracker.packet(Direction.CAM_TO_HOST, ++t, Packet.of(seq, ch, flags, op, payload));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private void negotiate(Caps caps) {
        assertEquals(Framing.DEFAULT, host(0, 0, 0, Opcode.PROTO_SYNC, new byte[0]));
        assertNull(cam(0, 0, Flag.ACK.mask(), Opcode.PROTO_SYNC, new byte[0]));
        host(0, 0, 0, Opcode.PROTO_SET_CAPS, caps.encode());
        assertEquals(new Framing(caps.crc(), caps.maxPayload()), cam(0, 0, Flag.ACK.mask(), Opcode.PROTO_SET_CAPS,
                new byte[0]), "the framing changes after the cam's ACK");
    }

    @Test
    void fragmentsJoinAndTheHostsOffsetIsKept() {
        negotiate(Caps.allOn(512));
        host(1, 4, 0, Opcode.CHANNEL_READ, new ReadRequest(7, 9).encode());
        cam(1, 4, Flag.FRAGMENT.mask() | Flag.ACK_REQ.mask(), Opcode.CHANNEL_READ, ascii("abcd"));
        host(1, 4, Flag.ACK.mask(), Opcode.CHANNEL_READ, new byte[0]);
        cam(1, 4, Flag.FRAGMENT.mask() | Flag.ACK_REQ.mask() | Flag.RTX.mask(), Opcode.CHANNEL_READ, ascii("abcd"));
        cam(2, 4, Flag.ACK_REQ.mask(), Opcode.CHANNEL_READ, ascii("efghi"));
        assertEquals(List.of("read channel-4@7 abcdefghi"), out, "the retransmitted duplicate is dropped");
    }

    @Test
    void aStaleOrOutOfSequenceAnswerIsUnpairedAndTheRealOneStillPairs() {
        negotiate(Caps.allOn(512));
        host(1, 4, 0, Opcode.CHANNEL_SIZE, new byte[0]);
        cam(9, 4, 0, Opcode.CHANNEL_SIZE, new byte[] {1, 0, 0, 0});
        cam(1, 5, 0, Opcode.CHANNEL_SIZE, new byte[] {1, 0, 0, 0});
        cam(1, 4, Flag.NAK.mask(), Opcode.CHANNEL_SIZE, new byte[] {(byte) Status.SEQUENCE.code(), 0});
        assertEquals(List.of("unpaired CHANNEL_SIZE ch 4 seq 9 out of sequence for CHANNEL_SIZE ch 4 seq 1",
                "unpaired CHANNEL_SIZE ch 5 seq 1 does not answer CHANNEL_SIZE ch 4 seq 1"), out);
        cam(1, 4, 0, Opcode.CHANNEL_SIZE, new byte[] {1, 0, 0, 0});
        assertEquals("unpaired CHANNEL_SIZE ch 4 seq 1 with no request outstanding", out.get(2),
                "the NAK answered it");
    }

    @Test
    void anAnswerToTheRequestTheHostGaveUpOnIsLateNotUnpairedUntilTheCamAnswersTheNextOne() {
        negotiate(Caps.allOn(512));
        host(1, 1, 0, Opcode.CHANNEL_IOCTL, new byte[4]);
        host(0, 0, 0, Opcode.PROTO_SYNC, new byte[0]); // the host timed out and resyncs
        cam(0, 1, Flag.NAK.mask(), Opcode.CHANNEL_IOCTL, new byte[] {(byte) Status.SEQUENCE.code(), 0});
        assertEquals(List.of("unanswered CHANNEL_IOCTL ch 1 seq 1",
                "resync host resynced",
                "late NAK SEQUENCE for CHANNEL_IOCTL ch 1 seq 0 answers CHANNEL_IOCTL ch 1 seq 1, which the host gave up on"),
                out);
        out.clear();
        cam(0, 0, Flag.ACK.mask(), Opcode.PROTO_SYNC, new byte[0]);
        cam(0, 1, Flag.NAK.mask(), Opcode.CHANNEL_IOCTL, new byte[] {(byte) Status.SEQUENCE.code(), 0});
        assertEquals(List.of("unpaired NAK SEQUENCE for CHANNEL_IOCTL ch 1 seq 0 with no request outstanding"), out,
                "once the cam answered the next request, an old answer is unpaired");
    }

    @Test
    void fullChunksJoinIntoOneWriteAndARefusedChunkFailsTheTransfer() {
        negotiate(Caps.allOn(58)); // chunks of 50 data bytes
        host(1, 5, 0, Opcode.CHANNEL_WRITE, WriteRequest.of(0, new byte[50]).encode());
        cam(1, 5, Flag.ACK.mask(), Opcode.CHANNEL_WRITE, new byte[0]);
        host(2, 5, 0, Opcode.CHANNEL_WRITE, WriteRequest.of(50, new byte[50]).encode());
        cam(2, 5, Flag.ACK.mask(), Opcode.CHANNEL_WRITE, new byte[0]);
        host(3, 5, 0, Opcode.CHANNEL_WRITE, WriteRequest.of(100, new byte[7]).encode());
        cam(3, 5, Flag.ACK.mask(), Opcode.CHANNEL_WRITE, new byte[0]);
        assertEquals(List.of("write channel-5@0 107"), out);
        out.clear();
        host(4, 5, 0, Opcode.CHANNEL_WRITE, WriteRequest.of(0, new byte[50]).encode());
        cam(4, 5, Flag.ACK.mask(), Opcode.CHANNEL_WRITE, new byte[0]);
        host(5, 5, 0, Opcode.CHANNEL_WRITE, WriteRequest.of(50, new byte[20]).encode());
        cam(5, 5, Flag.NAK.mask(), Opcode.CHANNEL_WRITE, new byte[] {(byte) Status.CHECKSUM.code(), 0});
        host(6, 5, 0, Opcode.CHANNEL_POLL, new byte[0]);
        assertEquals(List.of(), out, "nothing of the refused transfer");
        out.clear();
        cam(6, 0, 0, Opcode.CHANNEL_POLL, new byte[4]);
        host(7, 5, 0, Opcode.CHANNEL_WRITE, WriteRequest.of(0, new byte[50]).encode());
        cam(7, 5, Flag.ACK.mask(), Opcode.CHANNEL_WRITE, new byte[0]);
        host(8, 4, 0, Opcode.CHANNEL_SIZE, new byte[0]);
        assertEquals(List.of("unpaired CHANNEL_POLL ch 0 seq 6 does not answer CHANNEL_POLL ch 5 seq 6",
                "unanswered CHANNEL_POLL ch 5 seq 6", "write channel-5@0 50"), out,
                "a full last chunk ends with the host's next request");
    }

    @Test
    void aSecondSyncIsAResyncAndDeviceFactsComeOnceTheHostMovesOn() {
        negotiate(Caps.allOn(4082));
        host(1, 0, 0, Opcode.PROTO_VERSION, new byte[0]);
        cam(1, 0, 0, Opcode.PROTO_VERSION, new byte[16]);
        assertEquals(List.of(), out, "still connecting");
        assertEquals(List.of(), devices, "still connecting");
        host(2, 0, 0, Opcode.CHANNEL_POLL, new byte[0]);
        assertEquals(List.of("device Caps[crc=true, sequence=true, ack=true, events=true, maxPayload=4082]"), devices);
        host(0, 0, 0, Opcode.PROTO_SYNC, new byte[0]);
        assertEquals(List.of("unanswered CHANNEL_POLL ch 0 seq 2", "resync host resynced"), out);
        out.clear();
        tracker.hostOpened();
        host(0, 0, 0, Opcode.PROTO_SYNC, new byte[0]);
        assertEquals(List.of("unanswered PROTO_SYNC ch 0 seq 0"), out, "a new host's sync is its connect");
    }

    @Test
    void eventsAreRecordedAndASoftRebootLeavesTheRequestOpen() {
        negotiate(Caps.allOn(4082));
        host(1, 1, 0, Opcode.CHANNEL_IOCTL, new byte[] {2, 0, 0, 0});
        cam(1, 0, Flag.EVENT.mask(), Opcode.SYS_EVENT, new byte[] {2, 0});
        cam(1, 1, Flag.ACK.mask(), Opcode.CHANNEL_IOCTL, new byte[0]);
        assertEquals(List.of("event SOFT_REBOOT", "soft_reboot cam protocol restarted with default caps"), out,
                "the ACK after the reboot event still answers the ioctl");
    }
}
