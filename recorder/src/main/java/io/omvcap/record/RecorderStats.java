package io.omvcap.record;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of a recording, updated on the capture thread and read by the status line and the
 * heartbeat. Memory stays constant: per-channel counts are keyed by channel name only.
 */
public final class RecorderStats {
    private final long startNanos = System.nanoTime();
    final LongAdder packets = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder reads = new LongAdder();
    final LongAdder writes = new LongAdder();
    final LongAdder frames = new LongAdder();
    final LongAdder events = new LongAdder();
    final LongAdder invalid = new LongAdder();
    final LongAdder naks = new LongAdder();
    final LongAdder retransmits = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder segments = new LongAdder();
    /** Tap only: cam packets that answered no outstanding request. */
    final LongAdder unpaired = new LongAdder();
    /** Tap only: requests the host gave up on before the cam answered. */
    final LongAdder unanswered = new LongAdder();
    final AtomicLong fileBytes = new AtomicLong();
    final AtomicLong totalBytes = new AtomicLong();
    private final Map<String, LongAdder> perChannel = new ConcurrentHashMap<>();
    private volatile String state = "starting";
    private volatile String file = "";

    /** Seconds since the recorder started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    void channelMessage(String channel) {
        perChannel.computeIfAbsent(channel, k -> new LongAdder()).increment();
    }

    void state(String s) {
        state = s;
    }

    void file(String f) {
        file = f;
    }

    /** What the recorder is doing: connecting, recording, waiting for the port, stopping. */
    public String state() {
        return state;
    }

    /** The file being written. */
    public String file() {
        return file;
    }

    /** Packets decoded in both directions. */
    public long packets() {
        return packets.sum();
    }

    /** Bytes received from the cam. */
    public long bytesIn() {
        return bytesIn.sum();
    }

    /** Bytes sent to the cam. */
    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Tap: cam packets that answered no outstanding request. */
    public long unpaired() {
        return unpaired.sum();
    }

    /** Reads so far (frames, telemetry and stdout reads included). */
    public long reads() {
        return reads.sum();
    }

    /** Host writes so far. */
    public long writes() {
        return writes.sum();
    }

    /** Reconnects so far. */
    public long reconnects() {
        return reconnects.sum();
    }

    /** Errors so far (invalid packets, NAKs, failed operations). */
    public long errors() {
        return errors.sum() + invalid.sum() + naks.sum();
    }

    /** Size of the current file. */
    public long fileBytes() {
        return fileBytes.get();
    }

    /** Messages per channel name (reads, frames, telemetry, stdout). */
    public Map<String, Long> perChannel() {
        Map<String, Long> m = new LinkedHashMap<>();
        perChannel.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** The counters of the {@code /recorder/stats} heartbeat. */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("elapsed_s", Math.round(elapsedSeconds() * 1000) / 1000.0);
        m.put("state", state);
        m.put("packets", packets.sum());
        m.put("bytes_in", bytesIn.sum());
        m.put("bytes_out", bytesOut.sum());
        m.put("reads", reads.sum());
        m.put("writes", writes.sum());
        m.put("frames", frames.sum());
        m.put("events", events.sum());
        m.put("invalid", invalid.sum());
        m.put("naks", naks.sum());
        m.put("retransmits", retransmits.sum());
        m.put("reconnects", reconnects.sum());
        m.put("errors", errors.sum());
        m.put("segments", segments.sum());
        if (unpaired.sum() + unanswered.sum() > 0) {
            m.put("unpaired", unpaired.sum());
            m.put("unanswered", unanswered.sum());
        }
        m.put("file_bytes", fileBytes.get());
        m.put("total_bytes", totalBytes.get());
        m.put("per_channel", perChannel());
        return m;
    }
}
