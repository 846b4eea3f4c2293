package io.omvcap.replay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a host's requests, one by one, with a recording's ({@link RecordedRequests}, both
 * folded the same way by {@link RequestCanon}). A request that matches the one due moves the
 * position on. Otherwise it is a {@link Divergence}: when the same request is recorded a little
 * later, the requests in between count as never made and the position jumps past it; when not,
 * the position stays and the host may still make the expected request.
 */
final class StrictMatcher {
    /** How far ahead (in compared requests) a divergent request is looked for. */
    static final int WINDOW = 64;
    /** Most never-made requests listed at the end. */
    static final int LIST_LIMIT = 20;

    private final RecordedRequests recorded;
    private final RequestCanon canon = new RequestCanon();
    private final List<Divergence> divergences = new ArrayList<>();
    private final List<HostRequest> skipped = new ArrayList<>();
    private long skippedCount;
    private volatile long matched;
    private HostRequest matchedNow;

    StrictMatcher(RecordedRequests recorded) {
        this.recorded = recorded;
    }

    /** Replay time of the request due next, or {@link Long#MAX_VALUE} when the recording has no more. */
    long dueTime(long origin) throws IOException {
        HostRequest next = recorded.peek();
        return next == null ? Long.MAX_VALUE : origin + next.time();
    }

    /**
     * Checks the host's request; {@code answered} when its answer is already known, then
     * {@code nakStatus} is its NAK status or -1 (otherwise report it with {@link #answered}).
     *
     * @return the divergence, or null when it matched or is not compared
     */
    Divergence check(HostRequest host, int nakStatus, boolean answered) throws IOException {
        matchedNow = null;
        HostRequest h = canon.accept(host, nakStatus, answered);
        if (h == null) {
            return null;
        }
        HostRequest due = recorded.peek();
        if (h.sameAs(due)) {
            matchedNow = recorded.next();
            matched++;
            return null;
        }
        HostRequest closest = null;
        int closestAt = -1;
        int best = Integer.MAX_VALUE;
        boolean sameKind = false;
        for (int i = 0; i < WINDOW; i++) {
            HostRequest r = recorded.ahead(i);
            if (r == null) {
                break;
            }
            int d = h.distance(r);
            if (d < best) {
                best = d;
                closest = r;
                closestAt = i;
            }
            sameKind |= r.opcode() == h.opcode() && r.channel() == h.channel();
            if (d == 0) {
                break;
            }
        }
        Divergence div = new Divergence(sameKind ? Divergence.Kind.MISMATCHED : Divergence.Kind.MISSING, h, due,
                closest, closest == null ? List.of() : h.differences(closest));
        divergences.add(div);
        if (best == 0) {
            for (int i = 0; i < closestAt; i++) {
                skip(recorded.next());
            }
            matchedNow = recorded.next();
            matched++;
        }
        return div;
    }

    private synchronized void skip(HostRequest r) {
        skippedCount++;
        if (skipped.size() < LIST_LIMIT) {
            skipped.add(r);
        }
    }

    /** The recorded request the last {@link #check} matched, or null. */
    HostRequest matchedNow() {
        return matchedNow;
    }

    /** The answer to the host's last request was delivered ({@code nak}: it was a NAK). */
    void answered(boolean nak) {
        canon.answered(nak);
    }

    /** Divergences so far. */
    List<Divergence> divergences() {
        return divergences;
    }

    /** Requests matched so far. */
    long matched() {
        return matched;
    }

    /**
     * Ends the comparison: every recorded request not yet matched counts as never made.
     *
     * @param drainLimit read at most this many more recorded requests (the rest are not counted)
     */
    void finish(long drainLimit) throws IOException {
        for (long i = 0; i < drainLimit; i++) {
            HostRequest r = recorded.next();
            if (r == null) {
                return;
            }
            skip(r);
        }
    }

    /** Recorded requests the host never made (the first {@value #LIST_LIMIT}); safe from any thread. */
    synchronized List<HostRequest> neverMade() {
        return List.copyOf(skipped);
    }

    /** How many recorded requests the host never made. */
    synchronized long neverMadeCount() {
        return skippedCount;
    }
}
