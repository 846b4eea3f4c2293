package io.omvcap.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One sub-command of {@code omvcap}: its name, options, help text and behaviour. */
public interface Command {
    /** The sub-command name, e.g. {@code decode}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The arguments after the options, e.g. {@code FILE}. */
    String arguments();

    /** Extra help text shown after the options (examples, notes), or empty. */
    default String details() {
        return "";
    }

    /** The command's own options ({@code --help} is added by the dispatcher). */
    Options options();

    /**
     * Runs the command.
     *
     * @return the exit code, see {@link ExitCode}
     * @throws UsageException for arguments that cannot be run as given
     * @throws Exception      for runtime errors, reported in one line with exit code 1
     */
    int run(CommandLine line, Terminal terminal) throws Exception;
}
