package io.omvcap.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.omvcap.link.ByteLink;
import io.omvcap.transport.PortUnavailableException.Reason;
import io.omvcap.wire.WireFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * A serial port through jSerialComm: USB CDC ports, UARTs, pseudo-terminals and symlinks to them,
 * opened by path at 921600 baud (the rate that selects the OpenMV protocol on USB), 8N1, no flow
 * control. A port that vanishes (unplugged, pty master closed) ends the link: reads return -1,
 * writes throw.
 *
 * <p>The OS read timeout only counts in tenths of a second (termios VTIME). Waits of 100 ms and
 * more block in the OS in whole tenths (waking the moment data arrives); a shorter wait, like the
 * recorder's pause between 1 kHz polls, sleeps in steps of at most a millisecond and then takes
 * what has arrived. Writes do not block in {@code tcdrain()} (jSerialComm's blocking write mode
 * calls it after every write, costing a syscall and, on a real UART, the time on the wire).
 *
 * <p>One reader and one writer may run at the same time.
 */
public final class SerialLink implements ByteLink, LineControl {
    /** Granularity of the OS read timeout. */
    private static final int OS_TIMEOUT_STEP_MS = 100;
    /** Longest sleep of a short wait before it looks at the input queue again. */
    private static final long SHORT_WAIT_STEP_NANOS = 1_000_000;
    private static final long WRITE_RETRY_NANOS = 200_000;
    /** Size of the array reads go through (a USB CDC or pty read rarely brings more than 4 KB). */
    private static final int READ_SCRATCH_BYTES = 8192;
    /** Longest a write may block before the port is considered stuck. */
    static final int WRITE_TIMEOUT_MS = 5_000;

    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int EAGAIN = 11;
    private static final int EBUSY = 16;

    private final SerialPort port;
    private final String path;
    /**
     * jSerialComm copies the whole Java array into native memory and back on every read, however
     * few bytes arrive; reading through this small array instead of the caller's (often 64 KB)
     * keeps that copy small. Only the one reader uses it.
     */
    private final byte[] scratch = new byte[READ_SCRATCH_BYTES];
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
        port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
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

    @Override
    public int baudRate() {
        return port.getBaudRate();
    }

    @Override
    public boolean setBaudRate(int baud) {
        return baud > 0 && port.setBaudRate(baud);
    }

    @Override
    public boolean setModemLines(boolean up) {
        return port.setDTRandRTS(up, up);
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = takeAvailable(buf, off, len);
        if (n != 0 || timeoutMillis <= 0) {
            return n;
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        int coarse = (timeoutMillis / OS_TIMEOUT_STEP_MS) * OS_TIMEOUT_STEP_MS;
        if (coarse > 0) {
            setReadTimeout(coarse);
            long start = System.nanoTime();
            n = port.readBytes(scratch, Math.min(len, scratch.length), 0);
            if (n != 0) {
                return copied(n, buf, off);
            }
            if ((System.nanoTime() - start) / 1_000_000 < coarse && port.bytesAvailable() < 0) {
                return end();
            }
        }
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(Math.min(left, SHORT_WAIT_STEP_NANOS));
            n = takeAvailable(buf, off, len);
            if (n != 0) {
                return n;
            }
        }
        return 0;
    }

    /** Reads what is already queued, without waiting: bytes read, 0 when none, -1 when the port is gone. */
    private int takeAvailable(byte[] buf, int off, int len) {
        int available = port.bytesAvailable();
        if (available < 0) {
            return end();
        }
        return available == 0 ? 0 : copied(port.readBytes(scratch, Math.min(Math.min(len, available), scratch.length), 0),
                buf, off);
    }

    /** Hands {@code n} bytes read into the scratch array on to the caller; -1 when the port is gone. */
    private int copied(int n, byte[] buf, int off) {
        if (n < 0) {
            return end();
        }
        System.arraycopy(scratch, 0, buf, off, n);
        return n;
    }

    private int end() {
        ended = true;
        return -1;
    }

    /**
     * Semi-blocking reads with {@code millis}; writes stay non-blocking. The mode stays set: reads of
     * queued bytes ({@link #takeAvailable}) never wait whatever it is.
     */
    private void setReadTimeout(int millis) {
        if (millis != readTimeout) {
            port.setComPortTimeouts(millis > 0 ? SerialPort.TIMEOUT_READ_SEMI_BLOCKING : SerialPort.TIMEOUT_NONBLOCKING,
                    millis, 0);
            readTimeout = millis;
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        int done = 0;
        long stuckSince = 0;
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
                // jSerialComm also returns 0, not -1, once the port has vanished (EIO): only a port
                // that is still there has a full output queue worth waiting for
                if (port.bytesAvailable() < 0) {
                    ended = true;
                    throw new IOException("serial port " + path + " is gone (write failed, error "
                            + port.getLastErrorCode() + ")");
                }
                // the output queue is full: wait for the port to drain, but not forever
                long now = System.nanoTime();
                if (stuckSince == 0) {
                    stuckSince = now;
                } else if (now - stuckSince > WRITE_TIMEOUT_MS * 1_000_000L) {
                    throw new IOException("serial port " + path + " accepted no data for " + WRITE_TIMEOUT_MS + " ms");
                }
                LockSupport.parkNanos(WRITE_RETRY_NANOS);
                continue;
            }
            stuckSince = 0;
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
