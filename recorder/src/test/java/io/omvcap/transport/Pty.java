package io.omvcap.transport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.omvcap.link.ByteLink;
import java.io.IOException;

/**
 * A pseudo-terminal pair for tests, through libc with JNA: the master end is driven here, the
 * slave path is what a serial client opens. The master is put in raw mode so binary data passes
 * untouched.
 */
public final class Pty implements AutoCloseable {
    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0x100;
    private static final int TCSANOW = 0;
    private static final short POLLIN = 1;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;

    /** The few libc calls needed. */
    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int posix_openpt(int flags) throws LastErrorException;

        int grantpt(int fd) throws LastErrorException;

        int unlockpt(int fd) throws LastErrorException;

        int ptsname_r(int fd, byte[] buf, NativeLong len);

        int tcgetattr(int fd, Pointer termios) throws LastErrorException;

        void cfmakeraw(Pointer termios);

        int tcsetattr(int fd, int action, Pointer termios) throws LastErrorException;

        NativeLong read(int fd, byte[] buf, NativeLong count) throws LastErrorException;

        NativeLong write(int fd, byte[] buf, NativeLong count) throws LastErrorException;

        int poll(Pointer fds, NativeLong nfds, int timeout) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int open(String path, int flags) throws LastErrorException;

        int flock(int fd, int operation) throws LastErrorException;
    }

    private final int master;
    private final String slavePath;
    private boolean closed;

    /** Opens a new pair. */
    public Pty() throws IOException {
        LibC c = LibC.INSTANCE;
        master = c.posix_openpt(O_RDWR | O_NOCTTY);
        c.grantpt(master);
        c.unlockpt(master);
        byte[] name = new byte[128];
        if (c.ptsname_r(master, name, new NativeLong(name.length)) != 0) {
            c.close(master);
            throw new IOException("ptsname_r failed");
        }
        slavePath = Native.toString(name);
        Memory termios = new Memory(256);
        c.tcgetattr(master, termios);
        c.cfmakeraw(termios);
        c.tcsetattr(master, TCSANOW, termios);
    }

    /** The slave device path, e.g. {@code /dev/pts/3}. */
    public String slavePath() {
        return slavePath;
    }

    /** Writes all of {@code data} to the master. */
    public void write(byte[] data) {
        LibC.INSTANCE.write(master, data, new NativeLong(data.length));
    }

    /** Reads exactly {@code n} bytes from the master, waiting at most {@code timeoutMs} in all. */
    public byte[] read(int n, int timeoutMs) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        long deadline = System.currentTimeMillis() + timeoutMs;
        Memory pfd = new Memory(8);
        while (got < n) {
            int left = (int) (deadline - System.currentTimeMillis());
            if (left <= 0) {
                throw new IOException("pty master: " + got + " of " + n + " bytes within " + timeoutMs + " ms");
            }
            pfd.setInt(0, master);
            pfd.setShort(4, POLLIN);
            pfd.setShort(6, (short) 0);
            if (LibC.INSTANCE.poll(pfd, new NativeLong(1), left) <= 0) {
                continue;
            }
            byte[] buf = new byte[n - got];
            int r = LibC.INSTANCE.read(master, buf, new NativeLong(buf.length)).intValue();
            System.arraycopy(buf, 0, out, got, r);
            got += r;
        }
        return out;
    }

    /**
     * Opens the slave the way another program holding the port would: its own descriptor with an
     * exclusive lock. Closing the result releases it.
     */
    AutoCloseable holdSlaveExclusively() {
        int fd = LibC.INSTANCE.open(slavePath, O_RDWR | O_NOCTTY);
        LibC.INSTANCE.flock(fd, LOCK_EX | LOCK_NB);
        return () -> LibC.INSTANCE.close(fd);
    }

    /** The master end as a link, the way a cam sees its USB port. Closing it closes the master. */
    public ByteLink masterLink() {
        return new ByteLink() {
            @Override
            public int read(byte[] buf, int off, int len, int timeoutMillis) {
                synchronized (Pty.this) {
                    if (closed) {
                        return -1;
                    }
                }
                Memory pfd = new Memory(8);
                pfd.setInt(0, master);
                pfd.setShort(4, POLLIN);
                pfd.setShort(6, (short) 0);
                if (LibC.INSTANCE.poll(pfd, new NativeLong(1), Math.max(0, timeoutMillis)) <= 0) {
                    return 0;
                }
                byte[] tmp = new byte[len];
                int n;
                try {
                    n = LibC.INSTANCE.read(master, tmp, new NativeLong(len)).intValue();
                } catch (LastErrorException e) {
                    return -1;
                }
                System.arraycopy(tmp, 0, buf, off, Math.max(0, n));
                return n <= 0 ? -1 : n;
            }

            @Override
            public void write(byte[] buf, int off, int len) {
                byte[] tmp = java.util.Arrays.copyOfRange(buf, off, off + len);
                int done = 0;
                while (done < len) {
                    byte[] rest = java.util.Arrays.copyOfRange(tmp, done, len);
                    done += LibC.INSTANCE.write(master, rest, new NativeLong(rest.length)).intValue();
                }
            }

            @Override
            public boolean isOpen() {
                synchronized (Pty.this) {
                    return !closed;
                }
            }

            @Override
            public String describe() {
                return "pty master of " + slavePath;
            }

            @Override
            public void close() {
                Pty.this.close();
            }
        };
    }

    /** Closes the master: the slave side sees a hang-up, like an unplugged USB cam. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.INSTANCE.close(master);
        }
    }
}
