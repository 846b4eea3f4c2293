package io.omvcap.cli.commands;

import io.omvcap.archive.SessionCursor;
import io.omvcap.archive.Topics;
import io.omvcap.archive.SessionReader;
import io.omvcap.cli.Args;
import io.omvcap.cli.Command;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.Json;
import io.omvcap.cli.MessageFormatter;
import io.omvcap.cli.Terminal;
import io.omvcap.cli.TimeArg;
import io.omvcap.cli.UsageException;
import io.omvcap.mcap.Channel;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.mcap.Statistics;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code omvcap cat FILE}: decoded messages in time order. */
public final class CatCommand implements Command {
    @Override
    public String name() {
        return "cat";
    }

    @Override
    public String summary() {
        return "print the messages of a session archive (or any MCAP file) in time order";
    }

    @Override
    public String arguments() {
        return "FILE";
    }

    @Override
    public String details() {
        return """
                Telemetry is shown as fields, frames as a summary line, stdout as text, packets like 'decode'.
                TOPIC globs: '*' matches within one path segment, '**' across segments.
                T: epoch ns, an ISO-8601 time (2026-11-21T10:00:00Z), or +OFFSET from the first message (+30s).

                Examples:
                  omvcap cat session.mcap --topic '/channel/*/telemetry'
                  omvcap cat session.mcap --topic /stdout --start +10s --end +20s
                  omvcap cat session.mcap --topic /packets --json | jq .data.summary
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("t").longOpt("topic").hasArg().argName("GLOB")
                .desc("only topics matching GLOB (repeatable)").build());
        o.addOption(Option.builder().longOpt("start").hasArg().argName("T").desc("first time to include").build());
        o.addOption(Option.builder().longOpt("end").hasArg().argName("T").desc("last time to include").build());
        o.addOption(Option.builder("n").longOpt("limit").hasArg().argName("N").desc("stop after N messages").build());
        o.addOption(Option.builder("j").longOpt("json").desc("print JSON lines").build());
        return o;
    }

    @Override
    public int run(CommandLine line, Terminal terminal) throws Exception {
        Path file = Path.of(Args.single(line, "FILE"));
        return ArchiveErrors.naming(file, () -> cat(line, terminal, file));
    }

    private int cat(CommandLine line, Terminal terminal, Path file) throws Exception {
        int limit = Args.intOption(line, "limit", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        List<PathMatcher> globs = new ArrayList<>();
        String[] topics = line.getOptionValues("topic");
        if (topics != null) {
            for (String g : topics) {
                try {
                    globs.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--topic: bad glob '" + g + "'");
                }
            }
        }
        boolean json = line.hasOption("json");
        PrintStream out = terminal.out();
        try (SessionReader r = SessionReader.open(file)) {
            long fileStart = r.statistics().map(Statistics::messageStartTime).orElse(-1L);
            RelativeTimes times = new RelativeTimes(line.getOptionValue("start"), line.getOptionValue("end"), fileStart);
            MessageFilter filter = MessageFilter.ALL;
            if (r.indexed()) {
                filter = filter.withTimeRange(times.start(fileStart), times.end(fileStart));
                if (!globs.isEmpty()) {
                    Set<String> chosen = new HashSet<>();
                    for (String topic : r.topics()) {
                        if (matches(globs, topic)) {
                            chosen.add(topic);
                        }
                    }
                    if (chosen.isEmpty()) {
                        terminal.err().println("omvcap cat: no topic matches " + String.join(", ", topics)
                                + wider(topics, r.topics()));
                        return ExitCode.OK;
                    }
                    filter = filter.withTopics(chosen);
                }
            }
            int printed = 0;
            long read;
            try (SessionCursor c = r.cursor(filter)) {
                for (SessionCursor.Kind k; printed < limit && (k = c.next()) != null; ) {
                    long time;
                    String topic;
                    switch (k) {
                        case WIRE -> {
                            time = c.wire().logTime();
                            topic = Topics.wire(c.wire().dir());
                        }
                        case PACKET -> {
                            time = c.packet().logTime();
                            topic = Topics.PACKETS;
                        }
                        default -> {
                            time = c.message().logTime();
                            topic = c.message().topic();
                        }
                    }
                    if (!r.indexed() && (!globs.isEmpty() && !matches(globs, topic) || !times.includes(time))) {
                        continue; // a file without a summary is filtered here, in file order
                    }
                    if (json) {
                        out.println(Json.line(switch (k) {
                            case WIRE -> MessageFormatter.json(c.wire());
                            case PACKET -> MessageFormatter.json(c.packet());
                            default -> MessageFormatter.json(c.message());
                        }));
                    } else {
                        out.println(TimeArg.format(time) + "  " + MessageFormatter.printable(topic) + "  " + switch (k) {
                            case WIRE -> MessageFormatter.text(c.wire());
                            case PACKET -> MessageFormatter.text(c.packet());
                            default -> MessageFormatter.text(c.message());
                        });
                    }
                    printed++;
                }
                read = c.storedMessages();
            }
            long expected = expectedCount(r, filter, line);
            if (printed < limit && read < expected) {
                out.flush();
                terminal.err().println("omvcap cat: warning: " + file + ": found " + read + " of " + expected
                        + " messages its statistics count; its index does not lead to the others ('omvcap recover'"
                        + " rewrites the file with a complete index)");
                return ExitCode.PARTIAL;
            }
        }
        return ExitCode.OK;
    }

    /** A hint when a glob with '*' would match with '**' instead (a single '*' stays within one segment). */
    private static String wider(String[] globs, Set<String> available) {
        for (String g : globs) {
            String alt = g.replaceAll("(?<!\\*)\\*(?!\\*)", "**");
            if (alt.equals(g)) {
                continue;
            }
            PathMatcher m;
            try {
                m = FileSystems.getDefault().getPathMatcher("glob:" + alt);
            } catch (IllegalArgumentException e) {
                continue;
            }
            List<String> hits = available.stream().filter(t -> m.matches(Path.of(t))).sorted().toList();
            if (!hits.isEmpty()) {
                return " ('*' stays within one path segment; '" + alt + "' would match " + String.join(", ", hits)
                        + ")";
            }
        }
        return " (topics: " + String.join(", ", available) + ")";
    }

    /**
     * How many stored messages the summary statistics say the query should read: every message of
     * the chosen topics when no time range is given; -1 when that cannot be known.
     */
    private static long expectedCount(SessionReader r, MessageFilter filter, CommandLine line) {
        Statistics stats = r.statistics().orElse(null);
        if (!r.indexed() || stats == null || line.hasOption("start") || line.hasOption("end")) {
            return -1;
        }
        if (stats.channelMessageCounts().isEmpty()) {
            return line.hasOption("topic") ? -1 : stats.messageCount();
        }
        long n = 0;
        for (Channel c : r.channels().values()) {
            // the packets of layout 2 come from the wire batches, which are then read too
            boolean stored = filter.includes(c) || filter.topics() != null && Topics.isWire(c.topic())
                    && filter.topics().contains(Topics.PACKETS);
            if (stored) {
                n += stats.channelMessageCounts().getOrDefault(c.id(), 0L);
            }
        }
        return n;
    }

    private static boolean matches(List<PathMatcher> globs, String topic) {
        Path p = Path.of(topic);
        for (PathMatcher g : globs) {
            if (g.matches(p)) {
                return true;
            }
        }
        return false;
    }

    /** Start/end options, resolved once the first message time is known (for +offsets). */
    private static final class RelativeTimes {
        private final String start;
        private final String end;
        private long anchor;

        RelativeTimes(String start, String end, long fileStart) throws UsageException {
            this.start = start;
            this.end = end;
            this.anchor = fileStart;
            // validate syntax now so bad values are usage errors even for empty files
            if (start != null) {
                TimeArg.parse("--start", start, 0);
            }
            if (end != null) {
                TimeArg.parse("--end", end, 0);
            }
        }

        /** Whether {@code time} is in range; the first time seen anchors +offsets in a file without a summary. */
        boolean includes(long time) {
            long a = anchor(time);
            return Long.compareUnsigned(time, start(a)) >= 0 && Long.compareUnsigned(time, end(a)) <= 0;
        }

        long anchor(long firstSeen) {
            if (anchor < 0) {
                anchor = firstSeen;
            }
            return anchor;
        }

        long start(long fileStart) {
            return start == null ? 0 : parseQuietly("--start", start, fileStart);
        }

        long end(long fileStart) {
            return end == null ? -1L : parseQuietly("--end", end, fileStart);
        }

        private static long parseQuietly(String opt, String v, long fileStart) {
            try {
                return TimeArg.parse(opt, v, Math.max(0, fileStart));
            } catch (UsageException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
