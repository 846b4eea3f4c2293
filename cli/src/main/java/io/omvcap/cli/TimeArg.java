package io.omvcap.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses {@code --start}/{@code --end} values: epoch nanoseconds, an ISO-8601 instant
 * ({@code 2026-11-21T10:00:00Z}), or an offset from the file's first message ({@code +90s},
 * {@code +5m}).
 */
public final class TimeArg {
    private TimeArg() {
    }

    /** The epoch-nanosecond time {@code value} names; {@code fileStart} anchors relative offsets. */
    public static long parse(String option, String value, long fileStart) throws UsageException {
        String v = value.strip();
        if (v.startsWith("+")) {
            return fileStart + Args.parseDuration(option, v.substring(1)).toNanos();
        }
        if (v.matches("\\d+")) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new UsageException(option + " value out of range: " + v);
            }
        }
        try {
            Instant i = Instant.parse(v);
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " expects epoch ns, an ISO-8601 time like 2026-11-21T10:00:00Z, "
                    + "or +OFFSET like +30s, got '" + value + "'");
        }
    }

    /** An epoch-nanosecond time as an ISO-8601 instant with nanoseconds. */
    public static String format(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L))
                .toString();
    }
}
