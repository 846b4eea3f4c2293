package io.omvcap.cli.commands;

import io.omvcap.archive.LostChannels;
import io.omvcap.archive.MetadataProblems;
import io.omvcap.archive.SessionReader;
import io.omvcap.cli.Args;
import io.omvcap.cli.Command;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.Json;
import io.omvcap.cli.Terminal;
import io.omvcap.cli.UsageException;
import io.omvcap.mcap.McapFormatException;
import io.omvcap.mcap.McapRecovery;
import io.omvcap.mcap.RecoveryReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code omvcap recover IN -o OUT}: a cut-off or damaged archive rewritten as a valid one. */
public final class RecoverCommand implements Command {
    @Override
    public String name() {
        return "recover";
    }

    @Override
    public String summary() {
        return "rewrite a truncated or damaged archive into a valid one with every complete chunk and message";
    }

    @Override
    public String arguments() {
        return "IN";
    }

    @Override
    public String details() {
        return """
                Messages whose channel record was lost with a damaged chunk are kept: their channel is rebuilt from
                the input's summary, or from the archive layout (on /recovered/channel-ID when the topic cannot be told).
                Exit codes: 0 nothing was lost, 3 something was dropped or damaged (see the report), 1 nothing could
                be recovered. The output is read back completely before the command reports success.

                Examples:
                  omvcap recover crashed.mcap.part -o crashed.mcap
                  omvcap recover damaged.mcap -o repaired.mcap --json | jq .messages_kept
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("OUT").desc("where to write the recovered file (required)").build());
        o.addOption(Option.builder("f").longOpt("force").desc("overwrite OUT if it exists").build());
        o.addOption(Option.builder("j").longOpt("json").desc("print the report as JSON").build());
        return o;
    }

    @Override
    public int run(CommandLine line, Terminal terminal) throws Exception {
        Path in = Path.of(Args.single(line, "IN"));
        if (!line.hasOption("output")) {
            throw new UsageException("missing -o OUT");
        }
        Path out = Path.of(line.getOptionValue("output"));
        if (!Files.exists(in)) {
            throw new java.nio.file.NoSuchFileException(in.toString());
        }
        if (Files.exists(out) && Files.isSameFile(in, out)) {
            throw new UsageException("OUT must differ from IN");
        }
        if (Files.exists(out) && !line.hasOption("force")) {
            throw new IOException(out + ": already exists (use --force to overwrite)");
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        RecoveryReport report;
        Verified verified;
        try {
            report = McapRecovery.recover(in, tmp, new LostChannels());
            verified = verify(tmp);
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            print(terminal, in, out, report, verified, line.hasOption("json"));
        } catch (McapFormatException e) {
            Files.deleteIfExists(tmp);
            terminal.err().println("omvcap recover: error: " + in + ": nothing recoverable: " + e.getMessage());
            return ExitCode.ERROR;
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (report.messagesKept() == 0 && report.recordsKept() == 0 && report.lostData()) {
            terminal.err().println("omvcap recover: error: " + in + ": nothing recoverable ("
                    + report.stopReason() + ")");
            Files.deleteIfExists(out);
            return ExitCode.ERROR;
        }
        return report.lostData() || !verified.damaged().isEmpty() ? ExitCode.PARTIAL : ExitCode.OK;
    }

    /**
     * What reading the output back found.
     *
     * @param messages messages read
     * @param damaged  damaged metadata carried over from the input (readers skip it), one line each
     */
    private record Verified(long messages, List<String> damaged) {
    }

    /** Reads the whole output back. */
    private static Verified verify(Path file) throws IOException {
        try (SessionReader r = SessionReader.open(file)) {
            if (!r.indexed()) {
                throw new IOException(file + ": recovered output has no usable summary: " + r.unindexedReason());
            }
            SessionReader.ScanResult scan = r.scan(null);
            if (scan.damage() != null) {
                throw new IOException(file + ": recovered output does not read back: " + scan.damage().getMessage());
            }
            return new Verified(scan.messages(), MetadataProblems.of(r));
        }
    }

    private static void print(Terminal t, Path in, Path out, RecoveryReport r, Verified verified, boolean json) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("input", in.toString());
            m.put("output", out.toString());
            m.put("lost_data", r.lostData());
            m.put("messages_kept", r.messagesKept());
            m.put("chunks_kept", r.chunksKept());
            m.put("records_kept", r.recordsKept());
            m.put("chunks_dropped", r.chunksDropped());
            m.put("messages_dropped", r.messagesDropped());
            m.put("records_dropped", r.recordsDropped());
            m.put("bytes_dropped", r.bytesDropped());
            m.put("input_bytes", r.inputBytes());
            m.put("output_bytes", r.outputBytes());
            m.put("stop_offset", r.stopOffset());
            m.put("stop_reason", r.stopReason());
            m.put("channels_rebuilt", r.rebuilt());
            m.put("problems", r.problems());
            m.put("damaged_metadata", verified.damaged());
            m.put("verified_messages", verified.messages());
            t.out().println(Json.pretty(m));
            return;
        }
        t.out().println(out + ": " + r.summary());
        for (String p : r.rebuilt()) {
            t.out().println("  rebuilt: " + p);
        }
        for (String p : r.problems()) {
            t.out().println("  dropped: " + p);
        }
        for (String p : verified.damaged()) {
            t.out().println("  damaged: " + p + " (kept as it was; readers skip it)");
        }
        t.out().println("verified: " + out + " reads back cleanly (" + verified.messages() + " messages)");
    }
}
