package io.omvcap.cli.commands;

import io.omvcap.archive.SessionInfo;
import io.omvcap.archive.SessionReader;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.Json;
import io.omvcap.cli.StatusLine;
import io.omvcap.cli.Terminal;
import io.omvcap.record.RecorderStats;
import io.omvcap.record.RecordingResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A long recording run from the command line ({@code record}, {@code tap}): log lines through the
 * live status line, Ctrl-C and SIGTERM as a clean stop, then the summary of every file written on
 * stdout and how it ended on stderr.
 */
final class LiveRun implements Consumer<String> {
    private final String command;
    private final Terminal terminal;
    private volatile StatusLine status;

    LiveRun(String command, Terminal terminal) {
        this.command = command;
        this.terminal = terminal;
    }

    /** A log line: above the status line while it runs, else plainly on stderr. */
    @Override
    public void accept(String line) {
        StatusLine s = status;
        if (s != null) {
            s.log(line);
        } else {
            terminal.err().println("omvcap: " + line);
        }
    }

    /** Runs {@code body} with a status line of {@code stats}, {@code stop} on a signal; prints the summary; returns the exit code. */
    int run(RecorderStats stats, Runnable stop, Callable<RecordingResult> body, boolean json) throws Exception {
        RecordingResult result;
        try (StatusLine s = new StatusLine(terminal, stats); Signals signals = Signals.onStop(stop)) {
            status = s;
            result = body.call();
        } finally {
            status = null;
        }
        for (Path f : result.files()) {
            try (SessionReader r = SessionReader.open(f)) {
                SessionInfo info = SessionInfo.of(r, false, null);
                if (json) {
                    terminal.out().println(Json.pretty(info.toMap()));
                } else {
                    InfoCommand.print(terminal.out(), info);
                    terminal.out().println();
                }
            }
        }
        terminal.err().println("omvcap: " + result.stopReason() + "; wrote " + result.files().size() + " file(s): "
                + result.files());
        if (result.failed()) {
            terminal.err().println("omvcap " + command + ": error: " + result.error());
            return ExitCode.ERROR;
        }
        return ExitCode.OK;
    }
}
