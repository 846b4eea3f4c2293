package io.omvcap.cli.commands;

import io.omvcap.cli.Args;
import io.omvcap.cli.Command;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.HexTextInput;
import io.omvcap.cli.Json;
import io.omvcap.cli.Terminal;
import io.omvcap.cli.UsageException;
import io.omvcap.payload.PacketSummary;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.InvalidPacket;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.wire.ValidPacket;
import io.omvcap.wire.WireEvent;
import io.omvcap.wire.WireFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code omvcap decode FILE}: a raw capture of one direction, decoded into packets. */
public final class DecodeCommand implements Command {
    private static final int CHUNK = 64 * 1024;

    @Override
    public String name() {
        return "decode";
    }

    @Override
    public String summary() {
        return "decode a raw byte capture of one direction (binary or hex) into packets";
    }

    @Override
    public String arguments() {
        return "FILE|-";
    }

    @Override
    public String details() {
        return """
                FILE is a raw dump of the bytes one side sent (from any serial sniffer); '-' reads stdin.
                Each line is a valid packet, an invalid packet with its reason, or a run of skipped noise.
                JSON lines have "kind": "packet" | "invalid" | "noise".

                Examples:
                  omvcap decode capture.bin
                  omvcap decode --hex --json dump.txt | jq 'select(.kind=="invalid")'
                  omvcap decode --stats big-capture.bin
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("x").longOpt("hex").desc("input is hex text (whitespace, ':' and ',' ignored)").build());
        o.addOption(Option.builder("j").longOpt("json").desc("print JSON lines instead of text").build());
        o.addOption(Option.builder("s").longOpt("stats").desc("print only totals (bytes, packets by opcode and "
                + "channel, invalid by reason, noise)").build());
        o.addOption(Option.builder().longOpt("dir").hasArg().argName("h2c|c2h")
                .desc("direction of the capture, for payload summaries (default: guessed per packet)").build());
        o.addOption(Option.builder().longOpt("max-payload").hasArg().argName("N")
                .desc("reject longer payloads as OVERSIZE (default " + PacketDecoder.DEFAULT_MAX_PAYLOAD + ")").build());
        o.addOption(Option.builder().longOpt("no-crc").desc("do not check CRCs (caps with crc off)").build());
        return o;
    }

    @Override
    public int run(CommandLine line, Terminal terminal) throws Exception {
        String file = Args.single(line, "FILE");
        boolean json = line.hasOption("json");
        boolean statsOnly = line.hasOption("stats");
        Direction dir = line.hasOption("dir") ? Direction.parse(Args.choice(line, "dir", null, "h2c", "c2h")) : null;
        int maxPayload = Args.intOption(line, "max-payload", PacketDecoder.DEFAULT_MAX_PAYLOAD, 0,
                WireFormat.MAX_LENGTH_FIELD);
        PacketDecoder decoder = new PacketDecoder(maxPayload, !line.hasOption("no-crc"));
        DecodeStats stats = new DecodeStats();
        PrintStream out = terminal.out();
        java.util.function.Consumer<WireEvent> sink = e -> out.println(json ? Json.line(toJson(e, dir)) : toText(e, dir));
        try (InputStream in = open(file, line.hasOption("hex"))) {
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (statsOnly) {
                    decoder.feed(buf, 0, n, stats); // counted from borrowed bytes, nothing allocated per packet
                } else {
                    decoder.feed(buf, 0, n, sink);
                }
            }
            if (statsOnly) {
                decoder.finish(stats);
            } else {
                decoder.finish(sink);
            }
        }
        if (statsOnly) {
            out.print(json ? Json.pretty(stats.toMap()) + System.lineSeparator() : stats.toText());
        }
        return ExitCode.OK;
    }

    private static InputStream open(String file, boolean hex) throws IOException, UsageException {
        InputStream raw;
        String name = file;
        if (file.equals("-")) {
            raw = System.in;
            name = "stdin";
        } else {
            Path p = Path.of(file);
            if (Files.isDirectory(p)) {
                throw new IOException(file + ": is a directory");
            }
            raw = Files.newInputStream(p);
        }
        InputStream buffered = new BufferedInputStream(raw, CHUNK);
        return hex ? new HexTextInput(new InputStreamReader(buffered, StandardCharsets.US_ASCII), name) : buffered;
    }

    static Map<String, Object> toJson(WireEvent e, Direction dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e instanceof ValidPacket v) {
            Packet p = v.packet();
            m.put("kind", "packet");
            m.put("offset", v.offset());
            header(m, p.sequence(), p.channel(), p.flags(), p.opcode(), p.length());
            m.put("payload", PacketSummary.describe(p, dir));
        } else if (e instanceof InvalidPacket i) {
            m.put("kind", "invalid");
            m.put("offset", i.offset());
            m.put("reason", i.reason().name());
            if (i.hasHeader()) {
                header(m, i.sequence(), i.channel(), i.flags(), i.opcode(), i.claimedLength());
            }
            m.put("bytes", i.consumed());
        } else {
            m.put("kind", "noise");
            m.put("offset", e.offset());
            m.put("bytes", e.consumed());
        }
        return m;
    }

    private static void header(Map<String, Object> m, int seq, int channel, int flags, int opcode, int length) {
        m.put("seq", seq);
        m.put("channel", channel);
        m.put("flags", Flag.names(flags));
        m.put("opcode", Opcode.nameOf(opcode));
        m.put("length", length);
    }

    static String toText(WireEvent e, Direction dir) {
        if (e instanceof ValidPacket v) {
            Packet p = v.packet();
            String s = PacketSummary.text(PacketSummary.describe(p, dir));
            return String.format("%10d  seq=%-3d ch=%-2d %-14s %-18s len=%-5d %s", v.offset(), p.sequence(),
                    p.channel(), Opcode.nameOf(p.opcode()), Flag.describe(p.flags()), p.length(), s).stripTrailing();
        }
        if (e instanceof InvalidPacket i) {
            return i.hasHeader()
                    ? String.format("%10d  INVALID %s seq=%d ch=%d %s %s len=%d (%d bytes consumed)", i.offset(),
                            i.reason(), i.sequence(), i.channel(), Opcode.nameOf(i.opcode()), Flag.describe(i.flags()),
                            i.claimedLength(), i.consumed())
                    : String.format("%10d  INVALID %s (%d bytes)", i.offset(), i.reason(), i.consumed());
        }
        return String.format("%10d  NOISE %d bytes", e.offset(), e.consumed());
    }
}
