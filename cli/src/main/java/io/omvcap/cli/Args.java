package io.omvcap.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;

/** Parsing and validation of command-line values; every failure is a {@link UsageException}. */
public final class Args {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(i?b?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)?");

    private Args() {
    }

    /** The single positional argument named {@code name}. */
    public static String single(CommandLine line, String name) throws UsageException {
        List<String> rest = line.getArgList();
        if (rest.isEmpty()) {
            throw new UsageException("missing " + name);
        }
        if (rest.size() > 1) {
            throw new UsageException("unexpected argument '" + rest.get(1) + "'");
        }
        return rest.get(0);
    }

    /** Fails when positional arguments were given to a command that takes none. */
    public static void none(CommandLine line) throws UsageException {
        if (!line.getArgList().isEmpty()) {
            throw new UsageException("unexpected argument '" + line.getArgList().get(0) + "'");
        }
    }

    /** An integer option within [min, max], or {@code def} when absent. */
    public static int intOption(CommandLine line, String opt, int def, int min, int max) throws UsageException {
        String v = line.getOptionValue(opt);
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw new UsageException("--" + opt + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + opt + " expects an integer, got '" + v + "'");
        }
    }

    /** A byte size like {@code 512M}, {@code 2G}, {@code 100MB}, {@code 4096}; {@code def} when absent. */
    public static long sizeOption(CommandLine line, String opt, long def) throws UsageException {
        String v = line.getOptionValue(opt);
        return v == null ? def : parseSize("--" + opt, v);
    }

    /** Parses a byte size. */
    public static long parseSize(String what, String v) throws UsageException {
        Matcher m = SIZE.matcher(v.strip());
        if (!m.matches()) {
            throw new UsageException(what + " expects a size like 500M or 2G, got '" + v + "'");
        }
        double n = Double.parseDouble(m.group(1));
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return (long) (n * (1L << shift));
    }

    /** A duration like {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 250ms} (bare numbers are seconds). */
    public static Duration durationOption(CommandLine line, String opt, Duration def) throws UsageException {
        String v = line.getOptionValue(opt);
        return v == null ? def : parseDuration("--" + opt, v);
    }

    /** Parses a duration. */
    public static Duration parseDuration(String what, String v) throws UsageException {
        Matcher m = DURATION.matcher(v.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException(what + " expects a duration like 30s, 5m or 2h, got '" + v + "'");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            default -> n * 1000;
        };
        return Duration.ofMillis((long) millis);
    }

    /** One of {@code choices} (case-insensitive), or {@code def} when absent. */
    public static String choice(CommandLine line, String opt, String def, String... choices) throws UsageException {
        String v = line.getOptionValue(opt);
        if (v == null) {
            return def;
        }
        for (String c : choices) {
            if (c.equalsIgnoreCase(v.strip())) {
                return c;
            }
        }
        throw new UsageException("--" + opt + " must be one of " + String.join(", ", choices) + ", got '" + v + "'");
    }
}
