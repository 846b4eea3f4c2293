package io.omvcap.transport;

import java.util.List;
import java.util.Optional;

/**
 * The USB ids OpenMV firmware enumerates with, to tell OpenMV cams among a machine's serial ports.
 *
 * <p>Source: the official firmware, github.com/openmv/openmv, {@code boards/<BOARD>/board_config.mk}
 * ({@code OMV_USB_VID} / {@code OMV_USB_PID}, also reported in SYS_INFO's {@code usb_id} by
 * {@code protocol/omv_protocol.c}). Every product of vendor 0x37C5 (OpenMV, LLC) counts; the first
 * cam used the pid.codes id 1209:ABD1; Arduino boards running OpenMV firmware use Arduino's vendor
 * 2341 with the product ids listed there. The Raspberry Pi Pico build's 2E8A:0005 is generic
 * MicroPython and is deliberately not matched.
 */
public final class OpenMvUsbIds {
    /** OpenMV, LLC's USB vendor id. */
    public static final int OPENMV_VID = 0x37C5;

    /**
     * A known board.
     *
     * @param vid  USB vendor id
     * @param pid  USB product id
     * @param name board name
     */
    public record Board(int vid, int pid, String name) {
    }

    private static final List<Board> BOARDS = List.of(
            new Board(0x1209, 0xABD1, "OpenMV Cam M4 (OPENMV1)"),
            new Board(OPENMV_VID, 0x1202, "OpenMV Cam M4 (OPENMV2)"),
            new Board(OPENMV_VID, 0x1203, "OpenMV Cam M7"),
            new Board(OPENMV_VID, 0x1204, "OpenMV Cam H7"),
            new Board(OPENMV_VID, 0x124A, "OpenMV Cam H7 Plus"),
            new Board(OPENMV_VID, 0x1205, "OpenMV Pure Thermal"),
            new Board(OPENMV_VID, 0x1060, "OpenMV Cam RT1062"),
            new Board(OPENMV_VID, 0x1206, "OpenMV N6"),
            new Board(OPENMV_VID, 0x16E3, "OpenMV AE3"),
            new Board(0x2341, 0x045B, "Arduino Portenta H7 (OpenMV firmware)"),
            new Board(0x2341, 0x045F, "Arduino Nicla Vision (OpenMV firmware)"),
            new Board(0x2341, 0x0466, "Arduino Giga (OpenMV firmware)"),
            new Board(0x2341, 0x015A, "Arduino Nano 33 BLE Sense (OpenMV firmware)"),
            new Board(0x2341, 0x015E, "Arduino Nano RP2040 Connect (OpenMV firmware)"));

    private OpenMvUsbIds() {
    }

    /** The board with these ids: a listed one, any other OpenMV product, or empty when it is not an OpenMV cam. */
    public static Optional<String> board(int vid, int pid) {
        for (Board b : BOARDS) {
            if (b.vid == vid && b.pid == pid) {
                return Optional.of(b.name);
            }
        }
        return vid == OPENMV_VID ? Optional.of(String.format("OpenMV board %04X:%04X", vid, pid)) : Optional.empty();
    }

    /** Whether these USB ids are an OpenMV cam's. */
    public static boolean isOpenMv(int vid, int pid) {
        return board(vid, pid).isPresent();
    }

    /** Every listed board. */
    public static List<Board> boards() {
        return BOARDS;
    }
}
