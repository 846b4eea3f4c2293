package io.omvcap.transport;

/**
 * The line settings of a serial port that a host program can change and the tap passes on to the
 * cam's real port: the baud rate (921600 selects the OpenMV protocol on USB) and the modem-control
 * lines, which go up when a program opens a port and down when it closes it.
 */
public interface LineControl {
    /** Sets the baud rate; false when the port refused it. */
    boolean setBaudRate(int baud);

    /** The baud rate the port is set to. */
    int baudRate();

    /** Raises or drops DTR and RTS together, as opening and closing a port do; false when the port has no such lines. */
    boolean setModemLines(boolean up);
}
