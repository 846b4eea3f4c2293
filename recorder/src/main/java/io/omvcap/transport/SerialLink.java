package io.omvcap.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.omvcap.link.ByteLink;
import io.omvcap.transport.PortUnavailableException.Reason;
import io.omvcap.wire.WireFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A serial port through jSerialComm: USB CDC ports, UARTs, pseudo-terminals and symlinks to them,
 * opened by path at 921600 baud (the rate that selects the OpenMV protocol on USB), 8N1, no flow
 * control. Reads wait with a timeout; a port that vanishes (unplugged, pty master closed) ends
 * the link: reads return -1, writes throw.
 *
 * <p>Not thread-safe for concurrent reads or concurrent writes; one reader and one writer may
 * run at the same time.
 */
public final class SerialLink implements ByteLink {
    /** Longest a write may block before the port is considered stuck. */
    static final int WRITE_TIMEOUT_MS = 5_000;

    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int EAGAIN = 11;
    private static final int EBUSY = 16;

    private final SerialPort port;
    private final String path;
    private int readTimeout = -1;
    private volatile boolean ended;

    private SerialLink(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    /** Opens {@code path} at 921600 baud. */
    public static SerialLink open(String path) throws PortUnavailableException {
        return open(path, WireFormat.MAGIC_BAUDRATE);
    }

    /** Opens {@code path} at {@code baud}. */
    public static SerialLink open(String path, int baud) throws PortUnavailableException {
        Path p = Path.of(path);
        if (isFilePath(path) && !Files.exists(p)) {
            throw new PortUnavailableException(Reason.MISSING, "serial port " + path + " does not exist");
        }
        if (isFilePath(path) && (!Files.isReadable(p) || !Files.isWritable(p))) {
            throw new PortUnavailableException(Reason.PERMISSION_DENIED, "permission denied opening serial port "
                    + path + " (on Linux, join the dialout group)");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new PortUnavailableException(Reason.MISSING, "serial port " + path + " does not exist", e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 0,
                WRITE_TIMEOUT_MS);
        if (!port.openPort()) {
            int errno = port.getLastErrorCode();
            // jSerialComm reports a port this process already has open as ENOENT
            throw openFailure(path, errno == ENOENT && Files.exists(p) ? EBUSY : errno);
        }
        return new SerialLink(port, path);
    }

    private static boolean isFilePath(String path) {
        return path.startsWith("/") || path.startsWith(".");
    }

    private static PortUnavailableException openFailure(String path, int errno) {
        return switch (errno) {
            case ENOENT -> new PortUnavailableException(Reason.MISSING, "serial port " + path + " does not exist");
            case EACCES -> new PortUnavailableException(Reason.PERMISSION_DENIED, "permission denied opening serial port "
                    + path + " (on Linux, join the dialout group)");
            case EBUSY, EAGAIN -> new PortUnavailableException(Reason.BUSY, "serial port " + path
                    + " is busy (already open here or in another program)");
            default -> new PortUnavailableException(Reason.FAILED, "cannot open serial port " + path
                    + (errno != 0 ? " (error " + errno + ")" : "") + "; is it in use or gone?");
        };
    }

    /** The baud rate the port is set to. */
    public int baudRate() {
        return port.getBaudRate();
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int available = port.bytesAvailable();
        if (available < 0) {
            return end();
        }
        if (available == 0 && timeoutMillis <= 0) {
            return 0;
        }
        if (available > 0) {
            return checked(port.readBytes(buf, Math.min(len, available), off));
        }
        setReadTimeout(timeoutMillis);
        long start = System.nanoTime();
        int n = port.readBytes(buf, len, off);
        if (n == 0 && (System.nanoTime() - start) / 1_000_000 < timeoutMillis && port.bytesAvailable() < 0) {
            return end();
        }
        return checked(n);
    }

    private int checked(int n) {
        return n < 0 ? end() : n;
    }

    private int end() {
        ended = true;
        return -1;
    }

    private void setReadTimeout(int millis) {
        if (millis != readTimeout) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, millis,
                    WRITE_TIMEOUT_MS);
            readTimeout = millis;
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (ended || !port.isOpen()) {
                throw new IOException("serial port " + path + " is gone");
            }
            int n = port.writeBytes(buf, len - done, off + done);
            if (n < 0) {
                ended = true;
                throw new IOException("serial port " + path + " is gone (write failed, error " + port.getLastErrorCode()
                        + ")");
            }
            if (n == 0) {
                throw new IOException("serial port " + path + " accepted no data for " + WRITE_TIMEOUT_MS + " ms");
            }
            done += n;
        }
    }

    @Override
    public boolean isOpen() {
        return !ended && port.isOpen();
    }

    @Override
    public String describe() {
        return path;
    }

    @Override
    public void close() {
        ended = true;
        port.closePort();
    }
}
