package io.omvcap.replay;

import io.omvcap.archive.ArchiveFormatException;
import io.omvcap.archive.ChannelTopic;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.Topics;
import io.omvcap.mcap.McapFormatException;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.mcap.Statistics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The archive files a replay serves, validated and in order, and where their times land on the
 * replay's one time line: a rotated recording continues file to file; unrelated files, and every
 * pass of a looped replay, are shifted to follow the previous part after a short gap. Times on the
 * line are called replay times; they equal the recorded times in the first pass of the first file.
 */
final class Recording {
    /** Gap put between unrelated parts on the time line. */
    static final long PART_GAP_NANOS = 1_000_000L;

    /**
     * One file.
     *
     * @param file      the archive
     * @param start     first message time inside the window (recorded ns)
     * @param end       last message time inside the window
     * @param continues whether it continues the previous file (a rotated segment)
     * @param facts     session facts, or null
     */
    record Part(Path file, long start, long end, boolean continues, SessionFacts facts) {
    }

    private final List<Part> parts;
    private final boolean loop;
    private final long from;
    private final long to;
    private final long[] shifts;
    private final long passLength;
    private final SortedSet<String> topics;
    private final Set<String> zeroCopyReads;
    private final DeviceFacts lastDevice;

    private Recording(List<Part> parts, boolean loop, long from, long to, SortedSet<String> topics,
            Set<String> zeroCopyReads, DeviceFacts lastDevice) {
        this.parts = parts;
        this.loop = loop;
        this.from = from;
        this.to = to;
        this.topics = topics;
        this.zeroCopyReads = zeroCopyReads;
        this.lastDevice = lastDevice;
        this.shifts = new long[parts.size()];
        for (int i = 1; i < parts.size(); i++) {
            Part prev = parts.get(i - 1);
            Part p = parts.get(i);
            shifts[i] = p.continues() && p.start() >= prev.end() ? shifts[i - 1]
                    : prev.end() + shifts[i - 1] + PART_GAP_NANOS - p.start();
        }
        Part last = parts.get(parts.size() - 1);
        this.passLength = last.end() + shifts[parts.size() - 1] + PART_GAP_NANOS - parts.get(0).start();
    }

    /**
     * Opens and checks {@code files}: each must be a session archive with a channel list.
     * {@code from}/{@code to} limit the recorded times served (inclusive; 0 and -1 for all).
     *
     * @throws ReplayException with a one-line message naming the file and the problem
     */
    static Recording open(List<Path> files, boolean loop, long from, long to) throws IOException {
        if (files.isEmpty()) {
            throw new ReplayException("no recording given");
        }
        List<Part> parts = new ArrayList<>();
        SortedSet<String> topics = new TreeSet<>();
        Set<String> zeroCopyReads = new HashSet<>();
        DeviceFacts lastDevice = null;
        String previousName = null;
        for (Path f : files) {
            try (SessionReader r = SessionReader.open(f)) {
                DeviceFacts listed = check(f, r);
                zeroCopyReads.addAll(ZeroCopyReads.find(r, listed));
                SessionFacts facts = r.session().orElse(null);
                long[] span = span(r);
                long start = Math.max(span[0], from);
                long end = to == -1L ? span[1] : Math.min(span[1], to);
                boolean continues = facts != null && previousName != null && facts.segment() > 0
                        && facts.previousFile().equals(previousName);
                previousName = f.getFileName().toString();
                topics.addAll(r.topics());
                lastDevice = r.indexed() ? r.device().orElse(lastDevice) : lastDevice;
                if (start <= end) {
                    parts.add(new Part(f, start, end, continues, facts));
                }
            } catch (McapFormatException | ArchiveFormatException e) {
                throw new ReplayException(f + ": " + e.getMessage(), e);
            }
        }
        if (parts.isEmpty()) {
            throw new ReplayException("nothing to replay between the given start and end times");
        }
        return new Recording(List.copyOf(parts), loop, from, to, topics, Set.copyOf(zeroCopyReads), lastDevice);
    }

    /** Checks that {@code f} is a session archive with a channel list; returns that list. */
    private static DeviceFacts check(Path f, SessionReader r) throws IOException {
        if (!r.isSession()) {
            String profile = r.header() == null ? "none" : "'" + r.header().profile() + "'";
            throw new ReplayException(f + ": not an omvcap session archive (MCAP profile " + profile
                    + ", expected '" + Topics.PROFILE + "')");
        }
        DeviceFacts d = r.device().orElse(null);
        if (d == null && !r.indexed()) {
            d = firstDevice(r);
        }
        if (d == null || d.channels().isEmpty()) {
            throw new ReplayException(f + ": no channel list (no " + Topics.DEVICE + " record and no "
                    + Topics.META_DEVICE + " metadata), which is needed to rebuild the cam");
        }
        return d;
    }

    /** The first {@code /device} record of a file read front to back. */
    private static DeviceFacts firstDevice(SessionReader r) throws IOException {
        try (var c = r.cursor(MessageFilter.ALL.withTopics(Set.of(Topics.DEVICE)))) {
            while (c.next() != null) {
                if (c.message() != null) {
                    return DeviceFacts.fromMap(c.message().decodeMap());
                }
            }
        }
        return null;
    }

    /** First and last message time of a file: from its statistics, or by reading it. */
    private static long[] span(SessionReader r) throws IOException {
        Statistics s = r.statistics().orElse(null);
        if (s != null && s.messageCount() > 0) {
            return new long[] {s.messageStartTime(), s.messageEndTime()};
        }
        long first = Long.MAX_VALUE;
        long last = 0;
        try (var c = r.cursor(MessageFilter.ALL.withTopics(Set.of(Topics.DEVICE, Topics.SESSION, Topics.EVENTS,
                Topics.STDOUT)))) {
            while (c.next() != null) {
                long t = c.message() != null ? c.message().logTime() : 0;
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        return first == Long.MAX_VALUE ? new long[] {0, 0} : new long[] {first, last};
    }

    /**
     * The cam's own caps (its GET_CAPS answer, before the host's wishes) from the first packets of
     * the recording, or null when they are not recorded.
     */
    io.omvcap.payload.Caps deviceCaps() throws IOException {
        if (!topics.contains(Topics.PACKETS)) {
            return null;
        }
        try (TopicCursor c = new TopicCursor(this, Set.of(Topics.PACKETS))) {
            for (int i = 0; i < 5000 && c.next(); i++) {
                var p = c.packet();
                if (p.valid() && p.dir() == io.omvcap.wire.Direction.CAM_TO_HOST
                        && p.opcode() == io.omvcap.wire.Opcode.PROTO_GET_CAPS.code()
                        && p.payloadLength() == io.omvcap.payload.Caps.SIZE && !p.has(io.omvcap.wire.Flag.NAK)) {
                    return io.omvcap.payload.Caps.decode(p.payload());
                }
            }
        }
        return null;
    }

    /** Number of files. */
    int size() {
        return parts.size();
    }

    /** File {@code i}. */
    Part part(int i) {
        return parts.get(i);
    }

    /** Whether the parts are served again and again. */
    boolean loops() {
        return loop;
    }

    /** Earliest recorded time served. */
    long from() {
        return from;
    }

    /** Latest recorded time served (-1: no limit). */
    long to() {
        return to;
    }

    /** Every logical topic of every file. */
    SortedSet<String> topics() {
        return topics;
    }

    /**
     * Whether the recorded cam read channel {@code name} zero-copy: its reads were recorded as
     * frames, or answered in fragments longer than copying reads allow ({@link ZeroCopyReads}).
     */
    boolean readsZeroCopy(String name) {
        return zeroCopyReads.contains(name) || topics.contains(Topics.channel(name, ChannelTopic.FRAME));
    }

    /** The channel list recorded last (for channel-flag lookups). */
    DeviceFacts lastDevice() {
        return lastDevice;
    }

    /** Replay time of the first served message. */
    long startTime() {
        return parts.get(0).start();
    }

    /** Replay time one pass takes (the time line's period when looping). */
    long passLength() {
        return passLength;
    }

    /** What to add to recorded times of part {@code i} in pass {@code pass}. */
    long shift(int pass, int i) {
        return shifts[i] + pass * passLength;
    }

    /** Whether part {@code i} of pass {@code pass} starts a new cam session (not a rotated continuation). */
    boolean startsSession(int pass, int i) {
        return (pass > 0 || i > 0) && !(i > 0 && parts.get(i).continues() && shifts[i] == shifts[i - 1]);
    }

    /** A short description for logs, e.g. {@code demo.mcap} or {@code a.mcap + 2 more}. */
    String describe() {
        String first = Objects.toString(parts.get(0).file().getFileName());
        return parts.size() == 1 ? first : first + " + " + (parts.size() - 1) + " more";
    }
}
