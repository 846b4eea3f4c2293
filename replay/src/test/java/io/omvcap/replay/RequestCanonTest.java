package io.omvcap.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.omvcap.payload.Caps;
import io.omvcap.payload.ReadRequest;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What strict replay and diff compare, and what they fold away. */
class RequestCanonTest {
    private long n;

    private HostRequest r(Opcode op, int ch, byte[] payload) {
        return new HostRequest(++n, n * 1000, op.code(), ch, payload);
    }

    /** A request with a complete answer ({@code nak} -1) or a NAK. */
    private static HostRequest acc(RequestCanon c, HostRequest r, int nak) {
        return c.accept(r, nak, true);
    }

    @Test
    void pollsListsAndTheHandshakeAreNotCompared() {
        RequestCanon c = new RequestCanon();
        assertNull(acc(c, r(Opcode.PROTO_SYNC, 0, new byte[0]), -1));
        assertNull(acc(c, r(Opcode.PROTO_GET_CAPS, 0, new byte[0]), -1));
        HostRequest caps = r(Opcode.PROTO_SET_CAPS, 0, Caps.allOn(4082).encode());
        assertSame(caps, acc(c, caps, -1));
        assertNull(acc(c, r(Opcode.CHANNEL_POLL, 0, new byte[0]), -1));
        assertNull(acc(c, r(Opcode.CHANNEL_LIST, 0, new byte[0]), -1));
        assertNull(acc(c, r(Opcode.PROTO_SET_CAPS, 0, Caps.allOn(4082).encode()), -1), "the same caps again");
        HostRequest other = r(Opcode.PROTO_SET_CAPS, 0, Caps.allOn(512).encode());
        assertSame(other, acc(c, other, -1), "other caps count");
    }

    @Test
    void aRetryOfAFailedOperationAfterAResyncIsFolded() {
        RequestCanon c = new RequestCanon();
        byte[] read = new ReadRequest(0, 69).encode();
        HostRequest size = r(Opcode.CHANNEL_SIZE, 7, new byte[0]);
        assertSame(size, acc(c, size, -1));
        HostRequest first = r(Opcode.CHANNEL_READ, 7, read);
        assertSame(first, c.accept(first, -1, false), "its answer never came");
        c.accept(r(Opcode.PROTO_SYNC, 0, new byte[0]), -1, true);
        assertNull(acc(c, r(Opcode.CHANNEL_SIZE, 7, new byte[0]), -1), "the operation is retried from its start");
        assertNull(acc(c, r(Opcode.CHANNEL_READ, 7, read), -1));
        HostRequest next = r(Opcode.CHANNEL_SIZE, 8, new byte[0]);
        assertSame(next, acc(c, next, -1), "then the host goes on");
    }

    @Test
    void theSameRequestsAfterASuccessfulOneAndAResyncCount() {
        RequestCanon c = new RequestCanon();
        byte[] read = new ReadRequest(0, 69).encode();
        HostRequest first = r(Opcode.CHANNEL_READ, 7, read);
        assertSame(first, c.accept(first, -1, false));
        c.answered(false);
        HostRequest again = r(Opcode.CHANNEL_READ, 7, read);
        assertSame(again, acc(c, again, -1), "reading twice is two reads");
        c.accept(r(Opcode.PROTO_SYNC, 0, new byte[0]), -1, true);
        HostRequest third = r(Opcode.CHANNEL_READ, 7, read);
        assertSame(third, acc(c, third, -1), "a resync after a success (e.g. a soft reboot) retries nothing");
        HostRequest nakked = r(Opcode.CHANNEL_WRITE, 8, new byte[] {0, 0, 0, 0, 1, 0, 0, 0, 'x'});
        assertSame(nakked, acc(c, nakked, Status.TIMEOUT.code()));
        c.accept(r(Opcode.PROTO_SYNC, 0, new byte[0]), -1, true);
        assertNull(acc(c, r(Opcode.CHANNEL_WRITE, 8, new byte[] {0, 0, 0, 0, 1, 0, 0, 0, 'x'}), -1), "retried after a NAK");
    }

    @Test
    void refusedLocksAndFramingRejectsAreNotCompared() {
        RequestCanon c = new RequestCanon();
        assertNull(acc(c, r(Opcode.CHANNEL_LOCK, 3, new byte[0]), Status.BUSY.code()));
        HostRequest lock = r(Opcode.CHANNEL_LOCK, 3, new byte[0]);
        assertSame(lock, acc(c, lock, -1));
        assertNull(acc(c, r(Opcode.CHANNEL_SIZE, 3, new byte[0]), Status.SEQUENCE.code()));
        HostRequest failed = r(Opcode.CHANNEL_SIZE, 3, new byte[0]);
        assertSame(failed, acc(c, failed, Status.FAILED.code()), "a request the cam processed counts");
    }

    @Test
    void differencesNameTheFields() {
        HostRequest a = r(Opcode.CHANNEL_WRITE, 8, new byte[] {0, 0, 0, 0, 2, 0, 0, 0, 'h', 'i'});
        HostRequest b = r(Opcode.CHANNEL_WRITE, 8, new byte[] {0, 0, 0, 0, 2, 0, 0, 0, 'h', 'o'});
        assertEquals(List.of("data"), a.differences(b));
        HostRequest c = r(Opcode.CHANNEL_WRITE, 9, new byte[] {4, 0, 0, 0, 2, 0, 0, 0, 'h', 'i'});
        assertEquals(List.of("channel", "offset"), a.differences(c));
        assertEquals(List.of("opcode", "channel", "payload"), a.differences(r(Opcode.CHANNEL_POLL, 0, new byte[0])));
        assertEquals("CHANNEL_WRITE ch 8 offset 0 length 2 data \"hi\"", a.describe());
    }
}
