package io.omvcap.transport;

import com.fazecast.jSerialComm.SerialPort;
import io.omvcap.transport.PortUnavailableException.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The serial ports jSerialComm sees, with their USB ids, and the choice behind {@code --port auto}:
 * the one attached OpenMV cam (by {@link OpenMvUsbIds}), or a one-line error naming the ports seen
 * when there is none or more than one.
 */
public final class SerialPorts {
    /** The port spec that picks the one attached OpenMV cam. */
    public static final String AUTO = "auto";

    /**
     * One serial port.
     *
     * @param path         device path, e.g. {@code /dev/ttyACM0} or {@code COM3}
     * @param description  what the system calls it
     * @param vid          USB vendor id, -1 when not a USB device
     * @param pid          USB product id, -1 when not a USB device
     * @param serialNumber USB serial number, or empty
     * @param board        the OpenMV board its ids belong to, or empty when it is not an OpenMV cam
     */
    public record PortInfo(String path, String description, int vid, int pid, String serialNumber, String board) {
        /** Whether it is an OpenMV cam. */
        public boolean openMv() {
            return !board.isEmpty();
        }

        /** {@code VID:PID} in hex, or empty when not a USB device. */
        public String usbId() {
            return vid < 0 || pid < 0 ? "" : String.format("%04X:%04X", vid, pid);
        }

        /** The port described in a few words, for messages. */
        public String brief() {
            return path + (usbId().isEmpty() ? "" : " (" + usbId() + (openMv() ? " " + board : "") + ")");
        }

        /** A port seen with these facts; the board is looked up from the ids. */
        public static PortInfo of(String path, String description, int vid, int pid, String serialNumber) {
            return new PortInfo(path, description == null ? "" : description, vid, pid,
                    serialNumber == null ? "" : serialNumber, OpenMvUsbIds.board(vid, pid).orElse(""));
        }
    }

    private SerialPorts() {
    }

    /** The serial ports of this machine, sorted by path. */
    public static List<PortInfo> list() {
        List<PortInfo> out = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            String serial = p.getSerialNumber();
            out.add(PortInfo.of(p.getSystemPortPath(), p.getPortDescription(), p.getVendorID(), p.getProductID(),
                    "Unknown".equals(serial) ? "" : serial)); // jSerialComm's word for none
        }
        out.sort(Comparator.comparing(PortInfo::path));
        return out;
    }

    /** The path of the one attached OpenMV cam among this machine's ports (see {@link #choose}). */
    public static String autoPath() throws PortUnavailableException {
        return choose(list()).path();
    }

    /**
     * The one OpenMV cam among {@code ports}.
     *
     * @throws PortUnavailableException {@link Reason#MISSING} when there is none (a cam plugged in
     *                                  later appears), {@link Reason#FAILED} when there are several;
     *                                  the message names the ports seen
     */
    public static PortInfo choose(List<PortInfo> ports) throws PortUnavailableException {
        List<PortInfo> cams = ports.stream().filter(PortInfo::openMv).toList();
        if (cams.size() == 1) {
            return cams.get(0);
        }
        if (cams.isEmpty()) {
            throw new PortUnavailableException(Reason.MISSING, "--port auto: no OpenMV cam attached (ports seen: "
                    + (ports.isEmpty() ? "none" : ports.stream().map(PortInfo::brief).collect(Collectors.joining(", ")))
                    + ")");
        }
        throw new PortUnavailableException(Reason.FAILED, "--port auto: " + cams.size()
                + " OpenMV cams attached (" + cams.stream().map(PortInfo::brief).collect(Collectors.joining(", "))
                + "); choose one with --port PATH");
    }
}
