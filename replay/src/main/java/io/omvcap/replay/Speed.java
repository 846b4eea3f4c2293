package io.omvcap.replay;

import java.util.Locale;

/**
 * How fast recorded time passes in a replay: {@link #MAX} (as fast as the host consumes, with no
 * wall clock involved, so runs are byte-for-byte repeatable) or a factor of real time.
 *
 * @param factor recorded seconds per wall-clock second; 0 for {@link #MAX}
 */
public record Speed(double factor) {
    /** As fast as the host consumes; deterministic. */
    public static final Speed MAX = new Speed(0);
    /** Recorded time, at the recorded pace. */
    public static final Speed REALTIME = new Speed(1);

    /** Validates the factor. */
    public Speed {
        if (!(factor >= 0) || Double.isInfinite(factor) || factor > 1e6) {
            throw new IllegalArgumentException("speed factor must be a positive number, got " + factor);
        }
    }

    /** Whether this is {@link #MAX}. */
    public boolean max() {
        return factor == 0;
    }

    /** Parses {@code max}, {@code realtime} or a factor such as {@code 2} or {@code 0.5x}. */
    public static Speed parse(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        if (v.equals("max")) {
            return MAX;
        }
        if (v.equals("realtime") || v.equals("real-time")) {
            return REALTIME;
        }
        if (v.endsWith("x")) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            double f = Double.parseDouble(v);
            if (!(f > 0)) {
                throw new IllegalArgumentException("speed must be max, realtime or a factor above 0, got '" + s + "'");
            }
            return new Speed(f);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("speed must be max, realtime or a factor like 2 or 0.5, got '" + s + "'");
        }
    }

    @Override
    public String toString() {
        return max() ? "max" : factor == 1 ? "realtime" : factor + "x";
    }
}
