package io.omvcap.cli.commands;

import io.omvcap.cli.Args;
import io.omvcap.cli.UsageException;
import io.omvcap.mcap.Compression;
import io.omvcap.mcap.FsyncPolicy;
import io.omvcap.record.LowSpacePolicy;
import io.omvcap.record.StorageOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The archive file options {@code record} and {@code tap} share: rotation, compression, labels, disk guards, fsync. */
final class StorageArgs {
    private StorageArgs() {
    }

    /** Adds the options. */
    static void addTo(Options o) {
        o.addOption(Option.builder().longOpt("rotate-size").hasArg().argName("N").desc("new file after N bytes (e.g. 1G)").build());
        o.addOption(Option.builder().longOpt("rotate-time").hasArg().argName("T").desc("new file after T (e.g. 1h)").build());
        o.addOption(Option.builder().longOpt("compression").hasArg().argName("zstd|lz4|none").desc("chunk compression (default zstd)").build());
        o.addOption(Option.builder().longOpt("label").hasArg().argName("k=v").desc("label stored in the session metadata (repeatable)").build());
        o.addOption(Option.builder().longOpt("min-free-space").hasArg().argName("SIZE").desc("stop (or delete oldest) below SIZE free").build());
        o.addOption(Option.builder().longOpt("on-low-space").hasArg().argName("stop|delete-oldest").desc("reaction to low space (default stop)").build());
        o.addOption(Option.builder().longOpt("max-total-size").hasArg().argName("SIZE").desc("delete oldest segments to stay under SIZE").build());
        o.addOption(Option.builder().longOpt("heartbeat").hasArg().argName("T").desc("recorder stats interval (default 5s)").build());
        o.addOption(Option.builder().longOpt("fsync").hasArg().argName("chunk|interval|off").desc("fsync policy (default interval: at most once a second)").build());
    }

    /** The storage options for output {@code out}. */
    static StorageOptions parse(CommandLine line, Path out) throws UsageException {
        Compression compression = switch (Args.choice(line, "compression", "zstd", "zstd", "lz4", "none")) {
            case "lz4" -> Compression.LZ4;
            case "none" -> Compression.NONE;
            default -> Compression.ZSTD;
        };
        FsyncPolicy fsync = switch (Args.choice(line, "fsync", "interval", "chunk", "interval", "off")) {
            case "chunk" -> FsyncPolicy.PER_CHUNK;
            case "off" -> FsyncPolicy.OFF;
            default -> FsyncPolicy.INTERVAL;
        };
        LowSpacePolicy low = Args.choice(line, "on-low-space", "stop", "stop", "delete-oldest").equals("stop")
                ? LowSpacePolicy.STOP : LowSpacePolicy.DELETE_OLDEST;
        return new StorageOptions(out, Args.sizeOption(line, "rotate-size", 0), Args.durationOption(line, "rotate-time", null),
                compression, Args.sizeOption(line, "min-free-space", 0), low, Args.sizeOption(line, "max-total-size", 0),
                Args.durationOption(line, "heartbeat", Duration.ofSeconds(5)), fsync);
    }

    /** The {@code --label k=v} options. */
    static Map<String, String> labels(CommandLine line) throws UsageException {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String l : line.getOptionValues("label") == null ? new String[0] : line.getOptionValues("label")) {
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--label expects key=value, got '" + l + "'");
            }
            labels.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return labels;
    }
}
