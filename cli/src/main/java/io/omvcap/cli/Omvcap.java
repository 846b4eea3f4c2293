package io.omvcap.cli;

import io.omvcap.cli.commands.BenchCommand;
import io.omvcap.cli.commands.CatCommand;
import io.omvcap.cli.commands.DecodeCommand;
import io.omvcap.cli.commands.DemoCommand;
import io.omvcap.cli.commands.DiffCommand;
import io.omvcap.cli.commands.ExportCommand;
import io.omvcap.cli.commands.SimCommand;
import io.omvcap.cli.commands.InfoCommand;
import io.omvcap.cli.commands.PortsCommand;
import io.omvcap.cli.commands.RecordCommand;
import io.omvcap.cli.commands.RecoverCommand;
import io.omvcap.cli.commands.ReplayCommand;
import io.omvcap.cli.commands.TapCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The command dispatcher: global {@code --help}/{@code --version}, then one sub-command with its
 * own options. Every failure ends as one line on stderr and an exit code; a stack trace is shown
 * only with {@code OMVCAP_DEBUG=1}.
 */
public final class Omvcap {
    private final Terminal terminal;
    private final List<Command> commands;

    /** A dispatcher writing to {@code terminal}, with every built-in command. */
    public Omvcap(Terminal terminal) {
        this(terminal, builtinCommands());
    }

    /** A dispatcher with the given commands. */
    public Omvcap(Terminal terminal, List<Command> commands) {
        this.terminal = terminal;
        this.commands = List.copyOf(commands);
    }

    /** The commands every {@code omvcap} has. */
    public static List<Command> builtinCommands() {
        List<Command> list = new ArrayList<>();
        list.add(new RecordCommand());
        list.add(new TapCommand());
        list.add(new PortsCommand());
        list.add(new DemoCommand());
        list.add(new SimCommand());
        list.add(new ReplayCommand());
        list.add(new DiffCommand());
        list.add(new InfoCommand());
        list.add(new CatCommand());
        list.add(new RecoverCommand());
        list.add(new ExportCommand());
        list.add(new DecodeCommand());
        list.add(new BenchCommand());
        return list;
    }

    /** Runs one command line; returns the exit code. */
    public int run(String[] args) {
        try {
            return dispatch(args);
        } catch (UsageException e) {
            terminal.err().println("omvcap: " + e.getMessage());
            return ExitCode.USAGE;
        } finally {
            terminal.out().flush();
        }
    }

    private int dispatch(String[] args) throws UsageException {
        if (args.length == 0) {
            HelpPrinter.printOverview(terminal.err(), commands);
            return ExitCode.USAGE;
        }
        String first = args[0];
        switch (first) {
            case "--help", "-h", "help" -> {
                if (first.equals("help") && args.length > 1) {
                    return dispatch(new String[] {args[1], "--help"});
                }
                HelpPrinter.printOverview(terminal.out(), commands);
                return ExitCode.OK;
            }
            case "--version", "-V" -> {
                terminal.out().println("omvcap " + Version.get());
                return ExitCode.OK;
            }
            default -> {
                if (first.startsWith("-")) {
                    throw new UsageException("unknown option '" + first + "' (try 'omvcap --help')");
                }
            }
        }
        Command command = commands.stream().filter(c -> c.name().equals(first)).findFirst()
                .orElseThrow(() -> new UsageException("unknown command '" + first + "' (try 'omvcap --help')"));
        return runCommand(command, Arrays.copyOfRange(args, 1, args.length));
    }

    private int runCommand(Command command, String[] args) {
        Options options = command.options();
        options.addOption(Option.builder("h").longOpt("help").desc("show this help and exit").build());
        CommandLine line;
        try {
            line = new DefaultParser().parse(options, args);
        } catch (ParseException e) {
            return usage(command, e.getMessage());
        }
        if (line.hasOption("help")) {
            HelpPrinter.printCommand(terminal.out(), command, options);
            return ExitCode.OK;
        }
        try {
            return command.run(line, terminal);
        } catch (UsageException e) {
            return usage(command, e.getMessage());
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            terminal.out().flush();
            terminal.err().println("omvcap " + command.name() + ": error: " + ErrorReport.oneLine(e));
            if ("1".equals(System.getenv("OMVCAP_DEBUG"))) {
                e.printStackTrace(terminal.err());
            }
            return ExitCode.ERROR;
        }
    }

    private int usage(Command command, String message) {
        String m = message == null ? "invalid arguments" : message.strip();
        m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
        terminal.err().println("omvcap " + command.name() + ": " + m.replace('\n', ' ')
                + " (try 'omvcap " + command.name() + " --help')");
        return ExitCode.USAGE;
    }
}
