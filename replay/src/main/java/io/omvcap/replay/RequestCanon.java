package io.omvcap.replay;

import io.omvcap.wire.Opcode;
import io.omvcap.wire.Status;
import java.util.Arrays;

/**
 * Folds a host's requests so that two runs of the same host program compare equal although their
 * timing differed. Left out: polls, channel-list refreshes (their number follows the timing of
 * polls and events), the handshake's SYNC and GET_CAPS, a SET_CAPS asking what was already asked,
 * a LOCK the cam refused, a request the cam rejected before processing it (NAK SEQUENCE,
 * CHECKSUM, OVERFLOW), and a request repeated after a resync (a retry). Everything else is
 * compared: opcode, channel and payload. Pure logic; one instance per request stream.
 */
public final class RequestCanon {
    private byte[] lastCaps;
    private HostRequest lastKept;
    private boolean resynced;

    /** Whether requests with this opcode never take part in the comparison. */
    public static boolean elastic(int opcode) {
        return opcode == Opcode.CHANNEL_POLL.code() || opcode == Opcode.CHANNEL_LIST.code()
                || opcode == Opcode.PROTO_SYNC.code() || opcode == Opcode.PROTO_GET_CAPS.code();
    }

    /**
     * Whether the answer decides if the request counts: a LOCK answered BUSY is a probe, and a
     * request NAKed for its framing was never processed.
     */
    public static boolean dependsOnAnswer(int opcode) {
        return opcode == Opcode.CHANNEL_LOCK.code();
    }

    /**
     * Takes the next request with the status of its answer ({@code nakStatus} -1 for an ACK or
     * data, or when unknown).
     *
     * @return the request when it takes part in the comparison, else null
     */
    public HostRequest accept(HostRequest r, int nakStatus) {
        int op = r.opcode();
        if (op == Opcode.PROTO_SYNC.code()) {
            resynced = true;
            return null;
        }
        if (elastic(op) || nakStatus == Status.SEQUENCE.code() || nakStatus == Status.CHECKSUM.code()
                || nakStatus == Status.OVERFLOW.code() || op == Opcode.CHANNEL_LOCK.code() && nakStatus >= 0) {
            return null;
        }
        if (op == Opcode.PROTO_SET_CAPS.code()) {
            if (Arrays.equals(r.payload(), lastCaps)) {
                return null;
            }
            lastCaps = r.payload().clone();
        } else if (resynced && r.sameAs(lastKept)) {
            resynced = false;
            return null;
        }
        resynced = false;
        lastKept = r;
        return r;
    }
}
