package io.omvcap.replay;

import io.omvcap.wire.Opcode;
import io.omvcap.wire.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Folds a host's requests so that two runs of the same host program compare equal although their
 * timing differed. Left out: polls, channel-list refreshes (their number follows the timing of
 * polls and events), the handshake's SYNC and GET_CAPS, a SET_CAPS asking what was already asked,
 * a LOCK the cam refused, a request the cam rejected before processing it (NAK SEQUENCE,
 * CHECKSUM, OVERFLOW), and retries: after a request failed (NAK or no complete answer) and the
 * host resynced, requests that repeat the ones before the failure, in order, are the operation
 * being retried. Everything else is compared: opcode, channel and payload. Pure logic; one
 * instance per request stream.
 */
public final class RequestCanon {
    /** Kept requests a retry may repeat. */
    static final int HISTORY = 16;

    private final ArrayDeque<HostRequest> history = new ArrayDeque<>();
    private byte[] lastCaps;
    private boolean lastFailed;
    private boolean resynced;
    private boolean awaitingAnswer;
    private int retryAt = -1;

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
     * Takes the next request with its answer: {@code nakStatus} -1 unless it was NAKed,
     * {@code answered} whether a complete answer came (when not known yet, pass false and report
     * it with {@link #answered}).
     *
     * @return the request when it takes part in the comparison, else null
     */
    public HostRequest accept(HostRequest r, int nakStatus, boolean answered) {
        awaitingAnswer = false;
        int op = r.opcode();
        if (op == Opcode.PROTO_SYNC.code()) {
            resynced = true;
            retryAt = -1;
            return null;
        }
        if (elastic(op) || nakStatus == Status.SEQUENCE.code() || nakStatus == Status.CHECKSUM.code()
                || nakStatus == Status.OVERFLOW.code() || op == Opcode.CHANNEL_LOCK.code() && nakStatus >= 0) {
            return null;
        }
        if (op == Opcode.PROTO_SET_CAPS.code() && Arrays.equals(r.payload(), lastCaps)) {
            return null;
        }
        if (resynced && lastFailed && retried(r)) {
            return null;
        }
        resynced = false;
        retryAt = -1;
        if (op == Opcode.PROTO_SET_CAPS.code()) {
            lastCaps = r.payload().clone();
        }
        if (history.size() == HISTORY) {
            history.pollFirst();
        }
        history.addLast(r);
        lastFailed = !answered || nakStatus >= 0;
        awaitingAnswer = !answered;
        return r;
    }

    /**
     * The answer to the last request passed to {@link #accept} came ({@code nak}: it was a NAK);
     * it counts only when that request was taken.
     */
    public void answered(boolean nak) {
        if (awaitingAnswer) {
            awaitingAnswer = false;
            lastFailed = nak;
        }
    }

    /** Whether {@code r} repeats, in order, the requests before the failure. */
    private boolean retried(HostRequest r) {
        List<HostRequest> h = new ArrayList<>(history);
        if (retryAt < 0) {
            for (int j = h.size() - 1; j >= 0; j--) {
                if (h.get(j).sameAs(r)) {
                    retryAt = j + 1;
                    return true;
                }
            }
            return false;
        }
        if (retryAt < h.size() && h.get(retryAt).sameAs(r)) {
            retryAt++;
            return true;
        }
        return false;
    }
}
