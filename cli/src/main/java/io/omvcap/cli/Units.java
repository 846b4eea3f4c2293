package io.omvcap.cli;

import java.time.Duration;
import java.util.Locale;

/** Human-readable numbers for text output. */
public final class Units {
    private Units() {
    }

    /** Bytes as {@code 812 B}, {@code 1.2 KB}, {@code 3.4 MB}, {@code 1.1 GB} (powers of 1024). */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[i]);
    }

    /** A duration as {@code 1h02m03s}, {@code 4m05s}, {@code 6.7s}. */
    public static String duration(Duration d) {
        long s = d.getSeconds();
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s / 60) % 60, s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    /** A rate with one decimal. */
    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%.0f/s" : "%.1f/s", perSecond);
    }
}
