package io.omvcap.cli.commands;

import io.omvcap.cli.Command;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.Json;
import io.omvcap.cli.Terminal;
import io.omvcap.cli.UsageException;
import io.omvcap.replay.SessionDiff;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code omvcap diff A B}: compares two sessions' host requests and channel data. */
public final class DiffCommand implements Command {
    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String summary() {
        return "compare two sessions: first divergence in host requests, per-channel reads and writes";
    }

    @Override
    public String arguments() {
        return "A B";
    }

    @Override
    public String details() {
        return """
                Host requests are compared as strict replay compares them (opcode, channel, payload; polls, channel-list
                refreshes and retries after a resync do not count). Per channel, the payloads read and the host's writes
                are compared in order. Exit code 0 when the sessions are the same, 4 when they differ.

                Examples:
                  omvcap diff session.mcap replayed.mcap
                  omvcap diff run-1.mcap run-2.mcap --json
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("j").longOpt("json").desc("print the comparison as JSON").build());
        return o;
    }

    @Override
    public int run(CommandLine line, Terminal terminal) throws Exception {
        if (line.getArgList().size() != 2) {
            throw new UsageException(line.getArgList().size() < 2 ? "needs two session archives A and B"
                    : "unexpected argument '" + line.getArgList().get(2) + "'");
        }
        Path a = Path.of(line.getArgList().get(0));
        Path b = Path.of(line.getArgList().get(1));
        SessionDiff.Result r = SessionDiff.compare(a, b);
        if (line.hasOption("json")) {
            terminal.out().println(Json.pretty(r.toMap()));
        } else {
            print(terminal.out(), r, a, b);
        }
        return r.same() ? ExitCode.OK : ExitCode.DIFFERENT;
    }

    private static void print(PrintStream out, SessionDiff.Result r, Path a, Path b) {
        out.println("A " + a);
        out.println("B " + b);
        if (r.requestsA() < 0) {
            out.println("requests   not compared (a session has no recorded packets)");
        } else {
            out.printf("requests   A %d (%d compared), B %d (%d compared): %s%n", r.rawRequestsA(), r.requestsA(),
                    r.rawRequestsB(), r.requestsB(), r.divergenceIndex() == 0 ? "same" : "first divergence at compared request #"
                            + r.divergenceIndex());
            if (r.divergenceIndex() > 0) {
                out.println("           A: " + (r.requestA() == null ? "(no more requests)"
                        : "#" + r.requestA().number() + String.format(" at %.3f s ", r.requestA().time() / 1e9)
                                + r.requestA().describe()));
                out.println("           B: " + (r.requestB() == null ? "(no more requests)"
                        : "#" + r.requestB().number() + String.format(" at %.3f s ", r.requestB().time() / 1e9)
                                + r.requestB().describe()));
                if (!r.fields().isEmpty()) {
                    out.println("           differs in " + String.join(", ", r.fields()));
                }
            }
        }
        out.println();
        out.printf("%-14s %-6s %9s %9s %11s %11s  %s%n", "channel", "kind", "A", "B", "A bytes", "B bytes", "difference");
        for (SessionDiff.ChannelDiff c : r.channels()) {
            out.printf("%-14s %-6s %9d %9d %11d %11d  %s%n", c.channel(), c.kind(), c.countA(), c.countB(), c.bytesA(),
                    c.bytesB(), c.same() ? "same" : "#" + c.firstDifference() + ": " + c.detail());
        }
        out.println();
        out.println(r.same() ? "same" : "different");
    }
}
