package io.omvcap.cli.commands;

import io.omvcap.host.Camera;
import io.omvcap.host.CameraDisconnectedException;
import io.omvcap.host.CameraException;
import io.omvcap.host.CameraOptions;
import io.omvcap.link.ByteLink;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.PollMask;
import io.omvcap.replay.RecordedPayloads;
import io.omvcap.replay.Replay;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays a recording to the Java host client ({@link Camera}) and compares every payload it reads
 * with the recorded one: the client polls, reads each channel that has data (locking the stream
 * channel around its read, as hosts do), and reconnects when the replay hangs up, until every
 * recorded payload came back or nothing arrives for a while.
 */
public final class ReplayCheck {
    /** Most mismatches described. */
    static final int PROBLEM_LIMIT = 20;

    /** Opens a new link to the replayed cam for each (re)connection. */
    @FunctionalInterface
    public interface LinkSource {
        /** A link for the next connection. */
        ByteLink open() throws IOException;
    }

    /**
     * The outcome.
     *
     * @param payloads   payloads read back
     * @param perChannel payloads read back per channel
     * @param mismatched payloads that differed from the recording
     * @param problems   descriptions of the first differences
     * @param complete   whether every recorded payload came back
     */
    public record Result(long payloads, Map<String, Long> perChannel, long mismatched, List<String> problems,
            boolean complete) {
        /** Whether every recorded payload came back identical. */
        public boolean identical() {
            return complete && mismatched == 0;
        }
    }

    private ReplayCheck() {
    }

    /** Replays {@code file} in-process (model mode, max speed) and checks it. */
    public static Result inProcess(Path file, Duration patience) throws Exception {
        try (Replay replay = Replay.open(file).inProcess()) {
            return run(List.of(file), replay::hostLink, patience);
        }
    }

    /**
     * Reads every recorded payload of {@code files} back through {@code links}; gives up after
     * {@code patience} without a new payload.
     */
    public static Result run(List<Path> files, LinkSource links, Duration patience) throws Exception {
        try (RecordedPayloads expected = RecordedPayloads.open(files)) {
            Set<String> remaining = new LinkedHashSet<>();
            for (String ch : expected.channels()) {
                if (expected.hasNext(ch)) {
                    remaining.add(ch);
                }
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            long mismatched = 0;
            boolean stream = remaining.contains(BuiltinChannel.STREAM.wireName());
            Camera cam = connect(links, stream, patience);
            long lastProgress = System.nanoTime();
            try {
                while (!remaining.isEmpty() && System.nanoTime() - lastProgress < patience.toNanos()) {
                    boolean progress = false;
                    try {
                        PollMask mask = cam.poll();
                        List<ChannelEntry> listed = cam.channels();
                        for (String name : List.copyOf(remaining)) {
                            ChannelEntry e = listed.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
                            if (e == null || !mask.isReady(e.id())) {
                                continue;
                            }
                            byte[] got = readOne(cam, e);
                            if (got.length == 0) {
                                continue;
                            }
                            byte[] want = expected.next(name);
                            long n = counts.merge(name, 1L, Long::sum);
                            if (!Arrays.equals(got, want)) {
                                mismatched++;
                                if (problems.size() < PROBLEM_LIMIT) {
                                    problems.add(describe(name, n, got, want));
                                }
                            }
                            if (!expected.hasNext(name)) {
                                remaining.remove(name);
                            }
                            progress = true;
                        }
                        if (!progress) {
                            cam.pumpUntilEvent(Duration.ofMillis(2));
                        }
                    } catch (CameraDisconnectedException e) {
                        cam.close();
                        cam = connect(links, stream, patience);
                    }
                    if (progress) {
                        lastProgress = System.nanoTime();
                    }
                }
            } finally {
                cam.close();
            }
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            for (String name : remaining) {
                if (problems.size() < PROBLEM_LIMIT) {
                    problems.add(name + ": recorded payloads never came back after the " + counts.getOrDefault(name, 0L)
                            + "th");
                }
            }
            return new Result(total, counts, mismatched, problems, remaining.isEmpty());
        }
    }

    private static byte[] readOne(Camera cam, ChannelEntry e) throws CameraException {
        if (e.id() != BuiltinChannel.STREAM.id()) {
            return cam.read(e.name());
        }
        if (!cam.lock(e.name())) {
            return new byte[0];
        }
        long size = cam.size(e.name());
        byte[] data = size > 0 ? cam.read(e.name(), 0, size) : new byte[0];
        cam.unlock(e.name());
        return data;
    }

    private static Camera connect(LinkSource links, boolean stream, Duration patience) throws Exception {
        long end = System.nanoTime() + patience.toNanos();
        while (true) {
            ByteLink link;
            try {
                link = links.open();
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(10);
                continue;
            }
            Camera cam = new Camera(link, CameraOptions.defaults().withTimeout(Duration.ofSeconds(2)));
            try {
                cam.connect();
                if (stream) {
                    cam.streaming(true);
                }
                return cam;
            } catch (CameraDisconnectedException e) {
                cam.close();
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    private static String describe(String channel, long n, byte[] got, byte[] want) {
        if (want == null) {
            return channel + " payload #" + n + ": got " + got.length + " bytes, but the recording has no more";
        }
        int at = Arrays.mismatch(got, want);
        return channel + " payload #" + n + ": got " + got.length + " bytes, recorded " + want.length
                + " bytes; first difference at byte " + at;
    }
}
