package io.omvcap.archive;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Facts about the recording itself, stored as the {@code omvcap.session} metadata record.
 *
 * @param toolVersion  omvcap version
 * @param mode         {@code host}, {@code tap}, {@code replay} or {@code simulated}
 * @param port         port or link description
 * @param baud         baud rate (0 when not a serial port)
 * @param clock        the session clock and its anchor
 * @param segment      rotation index, 0 for the first file
 * @param previousFile file name of the previous segment, or empty
 * @param labels       user labels
 */
public record SessionFacts(String toolVersion, String mode, String port, int baud, SessionClock clock, int segment,
        String previousFile, Map<String, String> labels) {
    /** Validates and copies. */
    public SessionFacts {
        Objects.requireNonNull(clock, "clock");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        previousFile = previousFile == null ? "" : previousFile;
    }

    /** The same facts for the next rotated segment. */
    public SessionFacts nextSegment(String previous) {
        return new SessionFacts(toolVersion, mode, port, baud, clock, segment + 1, previous, labels);
    }

    /** The string map of the metadata record. */
    public Map<String, String> toMetadata() {
        Map<String, String> md = new LinkedHashMap<>();
        md.put("tool_version", toolVersion);
        md.put(Topics.META_FORMAT_VERSION, String.valueOf(Topics.FORMAT_VERSION));
        md.put("mode", mode);
        md.put("port", port);
        md.put("baud", String.valueOf(baud));
        md.put("start_time_utc", clock.anchor().toString());
        md.put("clock", SessionClock.NAME);
        md.put("clock_anchor_wall_ns", String.valueOf(clock.anchorWallNanos()));
        md.put("clock_anchor_monotonic_ns", String.valueOf(clock.anchorMonotonicNanos()));
        md.put("segment", String.valueOf(segment));
        md.put("previous_file", previousFile);
        labels.forEach((k, v) -> md.put("label." + k, v));
        return md;
    }

    /** Reads facts back from the metadata map; missing values become defaults. */
    public static SessionFacts fromMetadata(Map<String, String> md) {
        Map<String, String> labels = new LinkedHashMap<>();
        md.forEach((k, v) -> {
            if (k.startsWith("label.")) {
                labels.put(k.substring("label.".length()), v);
            }
        });
        return new SessionFacts(md.getOrDefault("tool_version", ""), md.getOrDefault("mode", ""),
                md.getOrDefault("port", ""), parseInt(md.get("baud")),
                new SessionClock(parseLong(md.get("clock_anchor_wall_ns")), parseLong(md.get("clock_anchor_monotonic_ns"))),
                parseInt(md.get("segment")), md.getOrDefault("previous_file", ""), labels);
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
