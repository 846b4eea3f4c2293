package io.omvcap.cli.commands;

import io.omvcap.cli.UsageException;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.SimCamServer;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;

/**
 * Reads {@code --pty | --link PATH | --tcp HOST:PORT}, where {@code sim} and {@code replay} serve
 * a cam and {@code tap} offers hosts the link (each command words the options' help itself).
 */
final class ServeTargetOption {
    private ServeTargetOption() {
    }

    /**
     * The target on {@code line}: at most one of the three (exactly one when {@code required});
     * without any, a new pseudo-terminal.
     */
    static ServeTarget parse(CommandLine line, boolean required) throws UsageException {
        int given = (line.hasOption("pty") ? 1 : 0) + (line.hasOption("link") ? 1 : 0) + (line.hasOption("tcp") ? 1 : 0);
        if (given > 1 || (required && given == 0)) {
            throw new UsageException((required ? "choose where hosts connect: " : "choose ")
                    + "one of --pty, --link PATH, --tcp HOST:PORT");
        }
        try {
            return line.hasOption("tcp") ? SimCamServer.tcpTarget(line.getOptionValue("tcp"))
                    : new ServeTarget.Pty(line.hasOption("link") ? Path.of(line.getOptionValue("link")) : null);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--tcp: " + e.getMessage());
        }
    }
}
