package io.omvcap.cli.commands;

import io.omvcap.cli.Args;
import io.omvcap.cli.Command;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.Json;
import io.omvcap.cli.Terminal;
import io.omvcap.cli.UsageException;
import io.omvcap.cli.bench.BenchResult;
import io.omvcap.cli.bench.Benchmark;
import io.omvcap.cli.bench.Benchmarks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code omvcap bench NAME|all}: runs the performance benchmarks and prints their numbers. */
public final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "run performance benchmarks and print the measured numbers";
    }

    @Override
    public String arguments() {
        return "NAME|all";
    }

    @Override
    public String details() {
        return "Examples:\n  omvcap bench all --quick\n  omvcap bench footprint --duration 1h --json\n\nBenchmarks:\n"
                + Benchmarks.all().stream().map(b -> String.format("  %-16s %s", b.name(), b.description()))
                        .collect(Collectors.joining("\n"));
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("j").longOpt("json").desc("print results as JSON").build());
        o.addOption(Option.builder("q").longOpt("quick").desc("short runs (smoke test; numbers are rough)").build());
        o.addOption(Option.builder("l").longOpt("list").desc("list the benchmarks").build());
        o.addOption(Option.builder("d").longOpt("duration").hasArg().argName("T")
                .desc("how long a long-running benchmark runs (footprint: default 5m, 20s with --quick)").build());
        return o;
    }

    @Override
    public int run(CommandLine line, Terminal terminal) throws Exception {
        List<Benchmark> all = Benchmarks.all();
        if (line.hasOption("list")) {
            all.forEach(b -> terminal.out().printf("%-16s %s%n", b.name(), b.description()));
            return ExitCode.OK;
        }
        String name = Args.single(line, "benchmark NAME (or 'all'; see --list)");
        List<Benchmark> chosen = name.equals("all") ? all
                : all.stream().filter(b -> b.name().equals(name)).toList();
        if (chosen.isEmpty()) {
            throw new UsageException("unknown benchmark '" + name + "' (one of: "
                    + all.stream().map(Benchmark::name).collect(Collectors.joining(", ")) + ", all)");
        }
        Duration duration = Args.durationOption(line, "duration", null);
        if (duration != null) {
            if (duration.toSeconds() < 5) {
                throw new UsageException("--duration must be at least 5s");
            }
            if (chosen.stream().noneMatch(Benchmark::takesDuration)) {
                throw new UsageException("--duration applies to: " + all.stream().filter(Benchmark::takesDuration)
                        .map(Benchmark::name).collect(Collectors.joining(", ")));
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean allMet = true;
        for (Benchmark b : chosen) {
            for (BenchResult r : b.run(line.hasOption("quick"), duration, terminal.err())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("benchmark", b.name());
                m.put("metric", r.metric());
                m.put("value", Math.round(r.value() * 100) / 100.0);
                m.put("unit", r.unit());
                m.put("target", r.target());
                m.put("met", r.met());
                rows.add(m);
                allMet &= r.met();
                if (!line.hasOption("json")) {
                    terminal.out().printf("%-14s %-40s %12.2f %-8s %s%n", b.name(), r.metric(), r.value(), r.unit(),
                            r.target().isEmpty() ? "" : (r.met() ? "ok " : "MISSED ") + r.target());
                    terminal.out().flush();
                }
            }
        }
        if (line.hasOption("json")) {
            terminal.out().println(Json.pretty(rows));
        }
        return allMet ? ExitCode.OK : ExitCode.ERROR;
    }
}
