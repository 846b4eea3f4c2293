package io.omvcap.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.transport.SerialPorts.PortInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenMV cams are told apart by their USB ids, and {@code --port auto} picks exactly one. */
class SerialPortsTest {
    private static final PortInfo UART = PortInfo.of("/dev/ttyS0", "Physical Port S0", -1, -1, null);
    private static final PortInfo FTDI = PortInfo.of("/dev/ttyUSB0", "FT232R USB UART", 0x0403, 0x6001, "A50285BI");
    private static final PortInfo H7 = PortInfo.of("/dev/ttyACM0", "OpenMV Virtual Comm Port in FS Mode", 0x37C5, 0x1204,
            "2F0039000651313234363039");
    private static final PortInfo NICLA = PortInfo.of("/dev/ttyACM1", "Nicla Vision", 0x2341, 0x045F, "");

    @Test
    void recognisesOpenMvBoardsByUsbIds() {
        assertEquals("OpenMV Cam H7", H7.board());
        assertTrue(H7.openMv());
        assertEquals("37C5:1204", H7.usbId());
        assertTrue(NICLA.openMv(), "Arduino boards running OpenMV firmware");
        assertTrue(OpenMvUsbIds.isOpenMv(0x37C5, 0x7777), "any product of OpenMV's vendor id");
        assertTrue(OpenMvUsbIds.isOpenMv(0x1209, 0xABD1), "the first cam's pid.codes id");
        assertFalse(FTDI.openMv());
        assertFalse(OpenMvUsbIds.isOpenMv(0x2E8A, 0x0005), "generic MicroPython on a Pico is not taken for a cam");
        assertFalse(OpenMvUsbIds.isOpenMv(0x2341, 0x0043), "an Arduino Uno is not a cam");
        assertEquals("", UART.usbId());
    }

    @Test
    void autoPicksTheOneCam() throws Exception {
        assertEquals("/dev/ttyACM0", SerialPorts.choose(List.of(UART, FTDI, H7)).path());
    }

    @Test
    void autoWithNoCamNamesThePortsSeen() {
        PortUnavailableException e = assertThrows(PortUnavailableException.class,
                () -> SerialPorts.choose(List.of(UART, FTDI)));
        assertEquals(PortUnavailableException.Reason.MISSING, e.reason());
        assertEquals("--port auto: no OpenMV cam attached (ports seen: /dev/ttyS0, /dev/ttyUSB0 (0403:6001))",
                e.getMessage());
        assertTrue(assertThrows(PortUnavailableException.class, () -> SerialPorts.choose(List.of())).getMessage()
                .endsWith("(ports seen: none)"));
    }

    @Test
    void autoWithTwoCamsAsksToChoose() {
        PortUnavailableException e = assertThrows(PortUnavailableException.class,
                () -> SerialPorts.choose(List.of(H7, UART, NICLA)));
        assertEquals(PortUnavailableException.Reason.FAILED, e.reason());
        assertEquals("--port auto: 2 OpenMV cams attached (/dev/ttyACM0 (37C5:1204 OpenMV Cam H7), "
                + "/dev/ttyACM1 (2341:045F Arduino Nicla Vision (OpenMV firmware))); choose one with --port PATH",
                e.getMessage());
    }

    @Test
    void autoThroughTransportsOnAMachineWithoutCams() {
        // this machine has no OpenMV cam attached: the spec resolves and fails with the ports it saw
        boolean camHere = SerialPorts.list().stream().anyMatch(PortInfo::openMv);
        if (!camHere) {
            PortUnavailableException e = assertThrows(PortUnavailableException.class, () -> Transports.open("auto"));
            assertTrue(e.getMessage().startsWith("--port auto: no OpenMV cam attached (ports seen: "), e.getMessage());
        }
    }
}
