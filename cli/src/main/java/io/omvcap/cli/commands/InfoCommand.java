package io.omvcap.cli.commands;

import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionInfo;
import io.omvcap.archive.SessionReader;
import io.omvcap.cli.Args;
import io.omvcap.cli.Command;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.Json;
import io.omvcap.cli.ProgressLine;
import io.omvcap.cli.Terminal;
import io.omvcap.cli.Units;
import io.omvcap.payload.HwCap;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code omvcap info FILE}: what a session archive (or any MCAP file) holds. */
public final class InfoCommand implements Command {
    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "summarise a session archive or any MCAP file: time span, device, topics, protocol health";
    }

    @Override
    public String arguments() {
        return "FILE";
    }

    @Override
    public String details() {
        return """
                Finished files are summarised from their index and stored totals without reading the data;
                cut-off files (or --scan) are read front to back.
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("j").longOpt("json").desc("print JSON").build());
        o.addOption(Option.builder().longOpt("scan").desc("recount everything by reading the whole file").build());
        return o;
    }

    @Override
    public int run(CommandLine line, Terminal terminal) throws Exception {
        Path file = Path.of(Args.single(line, "FILE"));
        SessionInfo info = ArchiveErrors.naming(file, () -> {
            try (SessionReader r = SessionReader.open(file);
                    ProgressLine bar = new ProgressLine(terminal, "scanning", r.fileSize())) {
                return SessionInfo.of(r, line.hasOption("scan"), bar::update);
            }
        });
        if (line.hasOption("json")) {
            terminal.out().println(Json.pretty(info.toMap()));
        } else {
            print(terminal.out(), info);
        }
        for (String w : info.warnings()) {
            terminal.err().println("omvcap info: warning: " + file + ": " + w + "; skipped");
        }
        if (info.damage() != null) {
            terminal.err().println("omvcap info: warning: " + file + ": " + info.damage()
                    + " (data before it was counted; 'omvcap recover' makes a clean copy)");
        }
        return ExitCode.OK;
    }

    /** Renders the text form (also used by {@code record} and {@code demo} at the end of a recording). */
    @SuppressWarnings("unchecked")
    public static void print(PrintStream out, SessionInfo info) {
        Map<String, Object> o = info.overview();
        Object ratio = o.get("compression_ratio");
        out.printf("file       %s (%s%s)%n", o.get("file"), Units.bytes((Long) o.get("file_bytes")),
                ratio == null ? "" : ", " + o.get("compression") + " " + ratio + "x");
        out.printf("profile    %s  library %s%s%n", blank(o.get("profile")), blank(o.get("library")),
                Boolean.TRUE.equals(o.get("indexed")) ? "" : "  (no summary: " + o.get("unindexed_reason") + ")");
        out.printf("time       %s → %s  (%s, %,d messages)%n", o.get("start_utc"), o.get("end_utc"),
                Units.duration(java.time.Duration.ofNanos((long) ((Double) o.get("duration_s") * 1e9))), o.get("messages"));
        SessionFacts s = info.session();
        if (s != null) {
            out.printf("session    mode %s, port %s%s, started %s%s%n", s.mode(), s.port(),
                    s.baud() > 0 ? " @ " + s.baud() : "", s.clock().anchor(), s.labels().isEmpty() ? "" : ", labels " + s.labels());
        }
        DeviceFacts d = info.device();
        if (d != null) {
            if (d.version() != null) {
                out.printf("device     firmware %s, protocol %s, bootloader %s%n", d.version().firmware(),
                        d.version().protocol(), d.version().bootloader());
            }
            if (d.sysInfo() != null) {
                out.printf("board      cpu 0x%08X, usb %04X:%04X, sensor 0x%X, id %s, hw %s%n", d.sysInfo().cpuId(),
                        d.sysInfo().usbVendorId(), d.sysInfo().usbProductId(), d.sysInfo().chipIds().get(0),
                        d.sysInfo().deviceIdHex(), String.join("|", HwCap.names(d.sysInfo().hwCaps().get(0))));
            }
            if (d.caps() != null) {
                out.printf("caps       crc %s, seq %s, ack %s, events %s, max payload %d%n", onOff(d.caps().crc()),
                        onOff(d.caps().sequence()), onOff(d.caps().ack()), onOff(d.caps().events()), d.caps().maxPayload());
            }
        }
        out.println();
        out.printf("%-36s %-26s %10s %10s %10s%n", "topic", "encoding", "messages", "bytes", "rate");
        for (Map<String, Object> row : (List<Map<String, Object>>) o.get("topics")) {
            Object bytes = row.get("bytes");
            Object rate = row.get("rate_hz");
            out.printf("%-36s %-26s %,10d %10s %10s%n", row.get("topic"), row.get("encoding"), row.get("messages"),
                    bytes == null ? "-" : Units.bytes((Long) bytes), rate == null ? "-" : Units.rate((Double) rate));
        }
        if (o.get("device_channels") instanceof List<?> rows && !rows.isEmpty()) {
            out.println();
            out.printf("%-4s %-14s %-26s %9s %9s %10s %9s %10s%n", "id", "channel", "flags", "packets", "reads",
                    "read bytes", "writes", "frames");
            for (Object ro : rows) {
                Map<String, Object> row = (Map<String, Object>) ro;
                long reads = num(row.get("read_messages")) + num(row.get("telemetry_messages"));
                long readBytes = num(row.get("read_bytes")) + num(row.get("telemetry_bytes")) + num(row.get("frame_bytes"));
                out.printf("%-4s %-14s %-26s %,9d %,9d %10s %,9d %,10d%n", row.get("id"), row.get("name"),
                        row.get("flags"), row.get("packets"), reads, Units.bytes(readBytes),
                        num(row.get("write_messages")), num(row.get("frame_messages")));
            }
        }
        Map<String, Object> h = (Map<String, Object>) o.get("health");
        if (h == null) {
            printAttachments(out, info);
            return;
        }
        out.println();
        out.printf("health     invalid packets %s, NAKs %s%n", orNone(h.get("invalid_by_reason")), orNone(h.get("naks_by_status")));
        out.printf("           retransmits %d, resyncs %d, sync requests %d, reconnects %d (gaps %.1fs), errors %d%n",
                h.get("retransmits"), h.get("resyncs"), h.get("sync_packets"), h.get("reconnects"),
                (Double) h.get("disconnect_gap_total_s"), h.get("errors"));
        out.printf("           noise h2c %s, c2h %s; wire h2c %s, c2h %s%s%n", Units.bytes((Long) h.get("noise_bytes_h2c")),
                Units.bytes((Long) h.get("noise_bytes_c2h")), Units.bytes((Long) h.get("wire_bytes_h2c")),
                Units.bytes((Long) h.get("wire_bytes_c2h")), info.fromScan() ? "  (counted by scanning)" : "");
        printAttachments(out, info);
    }

    private static void printAttachments(PrintStream out, SessionInfo info) {
        if (!info.attachments().isEmpty()) {
            out.println();
            for (Map<String, Object> a : info.attachments()) {
                out.printf("attachment %s (%s, %s)%n", a.get("name"), a.get("media_type"), Units.bytes((Long) a.get("bytes")));
            }
        }
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static String orNone(Object m) {
        return m instanceof Map<?, ?> map && !map.isEmpty() ? map.toString() : "none";
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    private static String blank(Object o) {
        return o == null || o.toString().isEmpty() ? "(none)" : o.toString();
    }
}
