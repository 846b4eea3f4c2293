package io.omvcap.replay;

import io.omvcap.archive.ChannelTopic;
import io.omvcap.archive.Topics;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.ChannelEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two sessions the way strict replay would: their host requests (folded by
 * {@link RequestCanon}, so timing differences do not count) up to the first divergence, and per
 * channel the payloads read and the host's writes, in order. Streams both archives, so large
 * recordings compare in bounded memory.
 */
public final class SessionDiff {
    private SessionDiff() {
    }

    /**
     * One channel's comparison.
     *
     * @param channel         channel name
     * @param kind            {@code read} (payloads the cam served) or {@code write} (host writes)
     * @param countA          items in A
     * @param countB          items in B
     * @param bytesA          their bytes in A
     * @param bytesB          their bytes in B
     * @param firstDifference 1-based index of the first item that differs (or is missing on one
     *                        side), 0 when the sequences are equal
     * @param detail          what differs there, or empty
     */
    public record ChannelDiff(String channel, String kind, long countA, long countB, long bytesA, long bytesB,
            long firstDifference, String detail) {
        /** Whether both sides hold the same sequence. */
        public boolean same() {
            return firstDifference == 0;
        }

        /** The fields as a map, for JSON. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channel", channel);
            m.put("kind", kind);
            m.put("count_a", countA);
            m.put("count_b", countB);
            m.put("bytes_a", bytesA);
            m.put("bytes_b", bytesB);
            m.put("first_difference", firstDifference == 0 ? null : firstDifference);
            m.put("detail", detail);
            return m;
        }
    }

    /**
     * The comparison.
     *
     * @param requestsA       compared (folded) requests in A; -1 when A has no packets
     * @param requestsB       the same for B
     * @param rawRequestsA    all host requests in A
     * @param rawRequestsB    all host requests in B
     * @param divergenceIndex 1-based position of the first differing compared request, 0 when none
     * @param requestA        A's request there (null when A had no more)
     * @param requestB        B's request there (null when B had no more)
     * @param fields          the fields in which they differ
     * @param channels        per-channel comparisons
     */
    public record Result(long requestsA, long requestsB, long rawRequestsA, long rawRequestsB, long divergenceIndex,
            HostRequest requestA, HostRequest requestB, List<String> fields, List<ChannelDiff> channels) {
        /** Whether the sessions are the same in requests and channel data. */
        public boolean same() {
            return divergenceIndex == 0 && channels.stream().allMatch(ChannelDiff::same);
        }

        /** The comparison as a map, for JSON. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("same", same());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("compared_a", requestsA);
            r.put("compared_b", requestsB);
            r.put("total_a", rawRequestsA);
            r.put("total_b", rawRequestsB);
            if (divergenceIndex > 0) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("index", divergenceIndex);
                d.put("a", requestA == null ? null : requestA.toMap());
                d.put("b", requestB == null ? null : requestB.toMap());
                d.put("fields", fields);
                r.put("first_divergence", d);
            } else {
                r.put("first_divergence", null);
            }
            m.put("requests", r);
            m.put("channels", channels.stream().map(ChannelDiff::toMap).toList());
            return m;
        }
    }

    /** Compares session {@code a} (e.g. a recording) with {@code b} (e.g. its replay). */
    public static Result compare(Path a, Path b) throws IOException {
        Recording ra = Recording.open(List.of(a), false, 0, -1L);
        Recording rb = Recording.open(List.of(b), false, 0, -1L);
        long[] counts = new long[4];
        long divergence = 0;
        HostRequest da = null;
        HostRequest db = null;
        boolean packets = ra.topics().contains(Topics.PACKETS) && rb.topics().contains(Topics.PACKETS);
        if (packets) {
            try (RecordedRequests qa = new RecordedRequests(ra); RecordedRequests qb = new RecordedRequests(rb)) {
                for (long i = 1; ; i++) {
                    HostRequest x = qa.next();
                    HostRequest y = qb.next();
                    if (x == null && y == null) {
                        break;
                    }
                    counts[0] += x == null ? 0 : 1;
                    counts[1] += y == null ? 0 : 1;
                    if (divergence == 0 && (x == null || !x.sameAs(y))) {
                        divergence = i;
                        da = x;
                        db = y;
                    }
                }
                counts[2] = qa.rawCount();
                counts[3] = qb.rawCount();
            }
        } else {
            Arrays.fill(counts, -1);
        }
        List<String> fields = da != null && db != null ? db.differences(da) : List.of();
        return new Result(counts[0], counts[1], counts[2], counts[3], divergence, da, db, fields, channels(ra, rb));
    }

    private static List<ChannelDiff> channels(Recording a, Recording b) throws IOException {
        Map<String, Integer> names = new TreeMap<>();
        collect(a, names);
        collect(b, names);
        List<ChannelDiff> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : names.entrySet()) {
            for (boolean writes : new boolean[] {false, true}) {
                ChannelDiff d = compare(a, b, e.getKey(), e.getValue(), writes);
                if (d.countA() + d.countB() > 0) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** Channel names with data topics, with their ids. */
    private static void collect(Recording r, Map<String, Integer> names) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (ChannelEntry e : r.lastDevice().channels()) {
            ids.put(e.name(), e.id());
        }
        for (String topic : r.topics()) {
            String sanitized = Topics.channelOf(topic);
            ChannelTopic kind = Topics.kindOf(topic);
            if (sanitized != null && kind != null) {
                String name = ids.keySet().stream().filter(n -> Topics.channel(n, kind).equals(topic)).findFirst()
                        .orElse(sanitized);
                names.putIfAbsent(name, ids.getOrDefault(name, -1));
            }
        }
        if (r.topics().contains(Topics.STDOUT)) {
            names.put(BuiltinChannel.STDOUT.wireName(), BuiltinChannel.STDOUT.id());
        }
    }

    private static ChannelDiff compare(Recording a, Recording b, String name, int id, boolean writes)
            throws IOException {
        long[] n = new long[4];
        long first = 0;
        String detail = "";
        try (ChannelFeed fa = new ChannelFeed(a, name, id, writes); ChannelFeed fb = new ChannelFeed(b, name, id, writes)) {
            for (long i = 1; ; i++) {
                Payload x = fa.next();
                Payload y = fb.next();
                if (x == null && y == null) {
                    break;
                }
                if (x != null) {
                    n[0]++;
                    n[2] += x.data().length;
                }
                if (y != null) {
                    n[1]++;
                    n[3] += y.data().length;
                }
                if (first == 0 && (x == null || y == null || !Arrays.equals(x.data(), y.data()))) {
                    first = i;
                    detail = x == null ? "only in B" : y == null ? "only in A"
                            : x.data().length + " vs " + y.data().length + " bytes, first difference at byte "
                                    + Arrays.mismatch(x.data(), y.data());
                }
            }
        }
        return new ChannelDiff(name, writes ? "write" : "read", n[0], n[1], n[2], n[3], first, detail);
    }
}
