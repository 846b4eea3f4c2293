package io.omvcap.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** Renders help for the command list and for one command, in a fixed, predictable layout. */
final class HelpPrinter {
    private HelpPrinter() {
    }

    static void printOverview(PrintStream out, List<Command> commands) {
        out.println("omvcap " + Version.get() + " — record, export and replay OpenMV camera protocol sessions");
        out.println();
        out.println("Usage: omvcap [--version] [--help] COMMAND [OPTIONS] [ARGS]");
        out.println();
        out.println("Commands:");
        int width = commands.stream().mapToInt(c -> c.name().length()).max().orElse(8);
        for (Command c : commands) {
            out.printf("  %-" + width + "s  %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("Run 'omvcap COMMAND --help' for a command's options.");
        out.println("Exit codes: 0 success, 1 runtime error, 2 usage error, 3 partial (data lost), 4 a difference found"
                + " (strict replay divergence, diff).");
    }

    static void printCommand(PrintStream out, Command c, Options options) {
        out.println("Usage: omvcap " + c.name() + " [OPTIONS]" + (c.arguments().isEmpty() ? "" : " " + c.arguments()));
        out.println();
        out.println(c.summary());
        out.println();
        out.println("Options:");
        List<Option> sorted = new ArrayList<>(options.getOptions());
        sorted.sort(Comparator.comparing(o -> o.getLongOpt() != null ? o.getLongOpt() : o.getOpt()));
        List<String> left = new ArrayList<>();
        for (Option o : sorted) {
            StringBuilder sb = new StringBuilder("  ");
            sb.append(o.getOpt() != null && o.getOpt().length() == 1 ? "-" + o.getOpt() + ", " : "    ");
            sb.append("--").append(o.getLongOpt() != null ? o.getLongOpt() : o.getOpt());
            if (o.hasArg()) {
                sb.append(' ').append(o.getArgName() != null ? o.getArgName() : "ARG");
            }
            left.add(sb.toString());
        }
        int width = left.stream().mapToInt(String::length).max().orElse(10);
        for (int i = 0; i < sorted.size(); i++) {
            out.printf("%-" + width + "s  %s%n", left.get(i), sorted.get(i).getDescription());
        }
        if (!c.details().isEmpty()) {
            out.println();
            out.println(c.details().strip());
        }
    }
}
