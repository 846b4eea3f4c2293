package io.omvcap.cli.commands;

import io.omvcap.cli.Args;
import io.omvcap.cli.Command;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.Json;
import io.omvcap.cli.Terminal;
import io.omvcap.transport.SerialPorts;
import io.omvcap.transport.SerialPorts.PortInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code omvcap ports}: the serial ports of this machine, OpenMV cams marked by their USB ids. */
public final class PortsCommand implements Command {
    @Override
    public String name() {
        return "ports";
    }

    @Override
    public String summary() {
        return "list the serial ports, marking the OpenMV cams by their USB ids";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String details() {
        return """
                One port a line: path, USB VID:PID (- when not a USB device), serial number, description, and the
                board name in brackets for an OpenMV cam. 'record' and 'tap' accept --port auto when exactly one
                OpenMV cam is attached.

                Examples:
                  omvcap ports
                  omvcap ports --json | jq -r '.[] | select(.openmv) | .path'
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("j").longOpt("json").desc("print the ports as a JSON array").build());
        return o;
    }

    @Override
    public int run(CommandLine line, Terminal terminal) throws Exception {
        Args.none(line);
        List<PortInfo> ports = SerialPorts.list();
        if (line.hasOption("json")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (PortInfo p : ports) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", p.path());
                m.put("description", p.description());
                m.put("usb_id", p.usbId().isEmpty() ? null : p.usbId());
                m.put("vid", p.vid() < 0 ? null : p.vid());
                m.put("pid", p.pid() < 0 ? null : p.pid());
                m.put("serial_number", p.serialNumber().isEmpty() ? null : p.serialNumber());
                m.put("openmv", p.openMv());
                m.put("board", p.openMv() ? p.board() : null);
                rows.add(m);
            }
            terminal.out().println(Json.pretty(rows));
        } else {
            int width = ports.stream().mapToInt(p -> p.path().length()).max().orElse(0);
            for (PortInfo p : ports) {
                terminal.out().printf("%-" + width + "s  %-9s  %-24s  %s%s%n", p.path(), p.usbId().isEmpty() ? "-" : p.usbId(),
                        p.serialNumber().isEmpty() ? "-" : p.serialNumber(), p.description(),
                        p.openMv() ? "  [" + p.board() + "]" : "");
            }
        }
        long cams = ports.stream().filter(PortInfo::openMv).count();
        terminal.err().println("omvcap: " + ports.size() + " serial port(s), " + cams + " OpenMV cam(s)");
        return ExitCode.OK;
    }
}
