package io.omvcap.record;

import io.omvcap.OmvcapVersion;
import io.omvcap.archive.ChannelData;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.EventRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionWriter;
import io.omvcap.archive.SessionWriterOptions;
import io.omvcap.archive.WireStreams;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The archive side of a recording, shared by the recorder and the tap: names and opens segments
 * (written as {@code .part} until finished, leftovers of a crash recovered at start), rotates them
 * by size and time with nothing lost at the seam, guards the disk, writes the heartbeat, and writes
 * what the session produces while counting it in the live {@link RecorderStats}.
 *
 * <p>A write failure (full disk) is kept, not thrown: writes become no-ops and callers stop when
 * {@link #failure()} is set. Writes and {@link #housekeeping()} come from one thread (the capture
 * or tap thread); {@link #flushTick()} runs on a timer thread.
 */
public final class SegmentedArchive {
    private static final Duration DISK_CHECK = Duration.ofSeconds(2);

    private final StorageOptions options;
    private final RecorderStats stats;
    private final Consumer<String> log;
    private final DiskGuard disk;
    /** The session's byte streams, handed from segment to segment so a packet cut by a rotation is kept whole. */
    private final WireStreams streams = new WireStreams();
    private volatile SessionWriter writer;
    private volatile IOException failure;
    private Segments segments;
    private SessionFacts facts;
    private Path current;
    /** The claim on the current segment's .part file. */
    private LiveSegment live;
    private long segmentStart;
    private long nextHeartbeat;
    private long nextDiskCheck;
    private boolean rotationFailed;
    private DeviceFacts lastDevice;
    private String scriptName;
    private byte[] script;

    /** An archive stored as {@code options} say; {@code log} receives one line per notable event. */
    public SegmentedArchive(StorageOptions options, RecorderStats stats, Consumer<String> log) {
        this.options = options;
        this.stats = stats;
        this.log = log;
        this.disk = new DiskGuard(options);
    }

    /**
     * Chooses the file names, recovers {@code .part} leftovers of a crash in the output folder and
     * checks that the folder is writable. Call before opening the port, so a bad output fails first.
     */
    public void prepare() throws IOException {
        segments = Segments.forOutput(options.out(), LocalDateTime.now());
        Segments.recoverLeftovers(segments.dir(), log);
        if (!Files.isWritable(segments.dir())) {
            throw new AccessDeniedException(segments.dir().toString());
        }
    }

    /** Opens the first segment of a session described by {@code sessionFacts}. */
    public void start(SessionFacts sessionFacts) throws IOException {
        facts = sessionFacts;
        nextHeartbeat = System.nanoTime() + options.heartbeat().toNanos();
        openSegment(null);
    }

    /** The writer of the current segment, or null between segments and after the end. */
    public SessionWriter writer() {
        return writer;
    }

    /** The write failure that ended the recording, or null. */
    public IOException failure() {
        return failure;
    }

    /** The segment being written (its final name). */
    public Path current() {
        return current;
    }

    /** Finished segments of this recording that still exist, oldest first. */
    public List<Path> finished() {
        return segments == null ? List.of() : List.copyOf(segments.finished());
    }

    /** Bytes crossing the link in one direction. */
    public void wire(Direction direction, long nanoTime, byte[] buf, int off, int len) {
        (direction == Direction.CAM_TO_HOST ? stats.bytesIn : stats.bytesOut).add(len);
        write(w -> w.wire(direction, nanoTime, buf, off, len));
    }

    /** Counts a decoded packet for the live stats (the archive derives packets from the wire bytes itself). */
    public void packet(Direction direction, boolean valid, int flags) {
        stats.packets.increment();
        if (!valid) {
            stats.invalid.increment();
        } else if (direction == Direction.CAM_TO_HOST) {
            if (Flag.NAK.isSet(flags)) {
                stats.naks.increment();
            }
            if (Flag.RTX.isSet(flags)) {
                stats.retransmits.increment();
            }
        }
    }

    /** A new link to the cam: the byte streams start afresh. */
    public void connection() {
        write(SessionWriter::connection);
    }

    /** The framing readers apply to the bytes from here on. */
    public void framing(boolean crc, int maxPayload) {
        write(w -> w.framing(crc, maxPayload));
    }

    /** A completed channel read. */
    public void read(long nanoTime, ChannelData read) {
        stats.reads.increment();
        if (read.channelId() == BuiltinChannel.STREAM.id()) {
            stats.frames.increment();
        }
        stats.channelMessage(read.channel());
        write(w -> w.read(nanoTime, read));
    }

    /** A completed host write. */
    public void write(long nanoTime, ChannelData written) {
        stats.writes.increment();
        write(w -> w.write(nanoTime, written));
    }

    /** An event from the cam. */
    public void event(long nanoTime, EventRecord event) {
        stats.events.increment();
        write(w -> w.event(nanoTime, event));
    }

    /** Device facts; written again at the start of every later segment. */
    public void device(long nanoTime, DeviceFacts device) {
        lastDevice = device;
        write(w -> w.device(nanoTime, device));
    }

    /** The cam script that was run; attached again to every later segment. */
    public void script(long nanoTime, String name, byte[] bytes) {
        scriptName = name;
        script = bytes.clone();
        write(w -> w.attachScript(nanoTime, name, script));
    }

    /** A lifecycle event. */
    public void lifecycle(long nanoTime, LifecycleEvent event) {
        if (event.kind() == LifecycleKind.ERROR) {
            stats.errors.increment();
        }
        write(w -> w.lifecycle(nanoTime, event));
    }

    /** Says what the recording is doing, for the status line and the heartbeat. */
    public void state(String state) {
        stats.state(state);
    }

    /** Counts a reconnect to the cam (write its {@code reconnect} lifecycle event with {@link #lifecycle}). */
    public void reconnected() {
        stats.reconnects.increment();
    }

    /** Counts a cam packet that answered no outstanding request (tap). */
    public void unpaired() {
        stats.unpaired.increment();
    }

    /** Counts a request the host gave up on before the cam answered (tap). */
    public void unanswered() {
        stats.unanswered.increment();
    }

    /**
     * Between operations: the heartbeat, rotation by size and time, and the disk guards. Returns
     * why the recording must stop (low disk space, no next segment), or null to go on.
     */
    public String housekeeping() {
        long now = System.nanoTime();
        String stop = null;
        if (now - nextHeartbeat >= 0) {
            nextHeartbeat = now + options.heartbeat().toNanos();
            stats.totalBytes.set(segments.finishedBytes() + stats.fileBytes());
            write(w -> w.stats(now, stats.snapshot()));
        }
        if (rotationDue(now)) {
            rotate();
            stop = stopping(disk.check(segments, stats.fileBytes(), log));
        }
        if (now - nextDiskCheck >= 0) {
            nextDiskCheck = now + DISK_CHECK.toNanos();
            String why = stopping(disk.check(segments, stats.fileBytes(), log));
            if (why != null) {
                stop = why;
            } else if (disk.needsRotation(segments, stats.fileBytes())) {
                rotate();
                disk.check(segments, stats.fileBytes(), log);
            }
        }
        return rotationFailed ? "error" : stop;
    }

    /** Closes a chunk that is old enough and updates the file size (call from a ~200 ms timer). */
    public void flushTick() {
        SessionWriter w = writer;
        try {
            if (w != null) {
                w.flushIfDue();
                stats.fileBytes.set(w.position());
            }
        } catch (IOException e) {
            // the recording thread sees the same failure on its next write and stops
        }
    }

    /** Writes {@code last} and finishes the current segment (renamed from its {@code .part} name). */
    public void finish(LifecycleEvent last) {
        SessionWriter w = writer;
        if (w == null) {
            return;
        }
        lifecycle(System.nanoTime(), last);
        writer = null;
        try {
            w.close();
            segments.finish(current);
        } catch (IOException e) {
            log.accept("could not finish " + current.getFileName() + ": " + e.getMessage()
                    + " (the .part file keeps every complete chunk; 'omvcap recover' or the next start repairs it)");
        } finally {
            release();
        }
    }

    /** Lets go of the current segment's claim (its lock goes with the process anyway). */
    private void release() {
        try {
            if (live != null) {
                live.close();
            }
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
        live = null;
    }

    private String stopping(String why) {
        if (why != null) {
            log.accept("stopping: " + why);
        }
        return why;
    }

    private boolean rotationDue(long now) {
        long size = disk.effectiveRotateSize();
        boolean bySize = size > 0 && stats.fileBytes() >= size;
        boolean byTime = options.rotateTime() != null && now - segmentStart >= options.rotateTime().toNanos();
        return writer != null && (bySize || byTime);
    }

    private void rotate() {
        Path previous = current;
        Path next = segments.nextFinalName();
        finish(new LifecycleEvent(LifecycleKind.ROTATE, "continues in " + next.getFileName(),
                Map.of("next_file", next.getFileName().toString())));
        facts = facts.nextSegment(previous.getFileName().toString());
        try {
            openSegment(previous);
            if (lastDevice != null) {
                device(System.nanoTime(), lastDevice);
            }
            if (script != null) {
                write(w -> w.attachScript(System.nanoTime(), scriptName, script));
            }
        } catch (IOException e) {
            rotationFailed = true;
            log.accept("cannot open the next segment: " + e.getMessage());
        }
    }

    private void openSegment(Path previous) throws IOException {
        current = segments.allocate();
        // claimed before it is written, so another recorder's start never takes it for a leftover
        live = LiveSegment.claim(Segments.part(current));
        SessionWriterOptions w = new SessionWriterOptions(options.compression(), SessionWriterOptions.DEFAULTS.chunkSize(),
                SessionWriterOptions.DEFAULTS.chunkMaxAge(), options.fsync(), OmvcapVersion.library());
        try {
            writer = SessionWriter.create(Segments.part(current), w, facts, streams);
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
        segmentStart = System.nanoTime();
        stats.segments.increment();
        stats.file(current.toString());
        if (previous != null) {
            lifecycle(System.nanoTime(), new LifecycleEvent(LifecycleKind.ROTATE,
                    "continued from " + previous.getFileName(), Map.of("previous_file", previous.getFileName().toString())));
            log.accept("rotated to " + current.getFileName());
        }
    }

    private interface WriterAction {
        void run(SessionWriter w) throws IOException;
    }

    private void write(WriterAction action) {
        SessionWriter w = writer;
        if (w == null || failure != null) {
            return;
        }
        try {
            action.run(w);
            stats.fileBytes.set(w.position());
        } catch (IOException e) {
            failure = e;
        }
    }
}
