package io.omvcap.pty;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import io.omvcap.link.ByteLink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The master side of a pseudo-terminal opened through libc (JNA): a fake serial port whose slave
 * path ({@code /dev/pts/N}) a host opens like a USB serial device. The terminal is put in raw
 * mode, reads wait with {@code poll()}, and a slave descriptor is kept open so reads never fail
 * with EIO while no host is attached. Optionally a stable symlink (e.g. {@code /tmp/omvcam}) points
 * at the slave; it is replaced atomically and removed on close or JVM exit. Linux (and macOS) only.
 *
 * <p>{@link #openForHosts} makes one that watches its hosts instead: it holds no slave descriptor,
 * so reads return -1 while no host has the slave open (after what the host wrote before closing),
 * {@link #hostAttached()} and {@link #hosts()} tell when hosts come and go, and
 * {@link #hostBaudRate()} shows the baud rate the host set. Bytes written while no host has it open
 * stay queued for the next one.
 */
public final class PtyLink implements ByteLink {
    private static final int CHUNK = 64 * 1024;
    /** How long a write may wait for the host to drain the terminal before it fails. */
    public static final int WRITE_TIMEOUT_MS = 1_000;
    /** Longest single poll() wait, so a close() from another thread is noticed soon. */
    private static final int POLL_SLICE_MS = 50;

    private final LibC libc = LibC.INSTANCE;
    private final int fd;
    private final int slaveHolder;
    private final String slavePath;
    private final Path symlink;
    private final Memory readBuf = new Memory(CHUNK);
    private final Memory writeBuf = new Memory(CHUNK);
    private final Memory readPoll = new Memory(8);
    private final Memory writePoll = new Memory(8);
    private final Memory hostPoll = new Memory(8);
    /** Counts host sessions on a {@link #openForHosts} terminal, or null. */
    private final HostWatch watch;
    private final Thread unlinkOnExit;
    private volatile boolean closed;
    /**
     * Reads and writes in progress. The descriptors are released only when none is: a number that
     * {@code close()} gave back can at once belong to another file of the process, and a read still
     * using it would consume that file's bytes.
     */
    private int inUse;
    private final Object fdLock = new Object();

    private PtyLink(int fd, int slaveHolder, String slavePath, Path symlink, HostWatch watch) {
        this.fd = fd;
        this.slaveHolder = slaveHolder;
        this.slavePath = slavePath;
        this.symlink = symlink;
        this.watch = watch;
        if (watch != null) {
            watch.fallback(this);
        }
        if (symlink != null) {
            unlinkOnExit = new Thread(this::removeSymlink, "pty-unlink " + symlink);
            Runtime.getRuntime().addShutdownHook(unlinkOnExit);
        } else {
            unlinkOnExit = null;
        }
    }

    /** Opens a new pseudo-terminal without a symlink. */
    public static PtyLink open() throws IOException {
        return open(null);
    }

    /** Opens a new pseudo-terminal; when {@code symlink} is not null it is made to point at the slave. */
    public static PtyLink open(Path symlink) throws IOException {
        return open(symlink, true);
    }

    /**
     * Opens a new pseudo-terminal that watches its hosts (see the class comment); when
     * {@code symlink} is not null it is made to point at the slave.
     */
    public static PtyLink openForHosts(Path symlink) throws IOException {
        return open(symlink, false);
    }

    private static PtyLink open(Path symlink, boolean holdSlave) throws IOException {
        LibC c = LibC.INSTANCE;
        int m = c.posix_openpt(Posix.O_RDWR | Posix.O_NOCTTY);
        if (m < 0) {
            throw error("posix_openpt");
        }
        int holder = -1;
        try {
            if (c.grantpt(m) != 0) {
                throw error("grantpt");
            }
            if (c.unlockpt(m) != 0) {
                throw error("unlockpt");
            }
            byte[] name = new byte[128];
            int rc = c.ptsname_r(m, name, new NativeLong(name.length));
            if (rc != 0) {
                throw new IOException("ptsname_r failed: errno " + rc);
            }
            String path = cString(name);
            makeRaw(c, m);
            int flags = c.fcntl(m, Posix.F_GETFL, 0);
            if (flags < 0 || c.fcntl(m, Posix.F_SETFL, flags | Posix.O_NONBLOCK) < 0) {
                throw error("fcntl(O_NONBLOCK)");
            }
            holder = c.open(path, Posix.O_RDWR | Posix.O_NOCTTY | Posix.O_NONBLOCK);
            if (holder < 0) {
                throw error("open " + path);
            }
            if (!holdSlave) {
                // opened and closed once: the master now reports a hang-up until a host opens the slave
                c.close(holder);
                holder = -1;
            }
            if (symlink != null) {
                linkTo(symlink, path);
            }
            return new PtyLink(m, holder, path, symlink, holdSlave ? null : HostWatch.on(c, path));
        } catch (IOException | RuntimeException e) {
            if (holder >= 0) {
                c.close(holder);
            }
            c.close(m);
            throw e;
        }
    }

    /**
     * Opens the host end: an existing terminal device such as a pty slave path, raw and
     * non-blocking, with the same timed reads. For tests and benchmarks that need a host without
     * a serial library.
     */
    public static PtyLink attach(String devicePath) throws IOException {
        LibC c = LibC.INSTANCE;
        int fd = c.open(devicePath, Posix.O_RDWR | Posix.O_NOCTTY | Posix.O_NONBLOCK);
        if (fd < 0) {
            throw error("open " + devicePath);
        }
        try {
            makeRaw(c, fd);
        } catch (IOException e) {
            c.close(fd);
            throw e;
        }
        return new PtyLink(fd, -1, devicePath, null, null);
    }

    /** The slave device path a host opens, e.g. {@code /dev/pts/7}. */
    public String slavePath() {
        return slavePath;
    }

    /** The symlink pointing at the slave, if one was asked for. */
    public Optional<Path> symlink() {
        return Optional.ofNullable(symlink);
    }

    /**
     * Whether a host has the slave open. Meaningful for {@link #openForHosts} terminals (one that
     * holds its own slave descriptor always has a host); false once closed.
     */
    public boolean hostAttached() throws IOException {
        if (!acquire()) {
            return false;
        }
        try {
            synchronized (hostPoll) {
                return poll(hostPoll, (short) 0, 0) == 0; // no hang-up (an interrupted poll counts as attached)
            }
        } finally {
            release();
        }
    }

    /** What is known about the host sessions of an {@link #openForHosts} terminal; null for others. */
    public HostWatch hosts() {
        return watch;
    }

    /**
     * The baud rate the host side of the terminal is set to (its {@code termios} output speed), or
     * -1 where it cannot be read (not Linux, closed).
     */
    public int hostBaudRate() {
        if (!acquire()) {
            return -1;
        }
        try {
            return Termios2.outputSpeed(libc, fd);
        } finally {
            release();
        }
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        if (len == 0) {
            return closed ? -1 : 0;
        }
        if (!acquire()) {
            return -1;
        }
        try {
            return readAcquired(buf, off, len, timeoutMillis);
        } finally {
            release();
        }
    }

    private int readAcquired(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        // wait in short slices so a close() elsewhere takes effect soon
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        int ready;
        do {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            ready = poll(readPoll, Posix.POLLIN, (int) Math.max(0, Math.min(left, POLL_SLICE_MS)));
            if (closed) {
                return -1;
            }
        } while (ready == 0 && deadline - System.nanoTime() > 0);
        if (ready == 0) {
            return 0;
        }
        long n = libc.read(fd, readBuf, new NativeLong(Math.min(len, CHUNK))).longValue();
        if (n > 0) {
            readBuf.read(0, buf, off, (int) n);
            return (int) n;
        }
        if (closed || n == 0) {
            return -1;
        }
        int errno = Native.getLastError();
        if (errno == Posix.EIO) {
            // master side: no slave open (cannot happen while the holder is open); host side: hung up
            return slaveHolder >= 0 ? 0 : -1;
        }
        if (errno == Posix.EAGAIN || errno == Posix.EINTR) {
            return 0;
        }
        throw new IOException("read " + slavePath + " failed: errno " + errno);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        if (!acquire()) {
            throw new IOException("pty closed");
        }
        try {
            writeAcquired(buf, off, len);
        } finally {
            release();
        }
    }

    private void writeAcquired(byte[] buf, int off, int len) throws IOException {
        long deadline = System.nanoTime() + WRITE_TIMEOUT_MS * 1_000_000L;
        while (len > 0) {
            if (closed) {
                throw new IOException("pty closed");
            }
            int chunk = Math.min(len, CHUNK);
            writeBuf.write(0, buf, off, chunk);
            long n = libc.write(fd, writeBuf, new NativeLong(chunk)).longValue();
            if (n > 0) {
                off += (int) n;
                len -= (int) n;
                continue;
            }
            int errno = Native.getLastError();
            if (n < 0 && errno != Posix.EAGAIN && errno != Posix.EINTR) {
                throw new IOException("write " + slavePath + " failed: errno " + errno);
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new IOException("write " + slavePath + " timed out: no host is reading");
            }
            poll(writePoll, Posix.POLLOUT, (int) Math.min(left, POLL_SLICE_MS));
        }
    }

    private boolean acquire() {
        synchronized (fdLock) {
            if (closed) {
                return false;
            }
            inUse++;
            return true;
        }
    }

    private void release() {
        synchronized (fdLock) {
            if (--inUse == 0 && closed) {
                releaseDescriptors();
            }
        }
    }

    private void releaseDescriptors() {
        if (slaveHolder >= 0) {
            libc.close(slaveHolder);
        }
        if (watch != null) {
            watch.close();
        }
        libc.close(fd);
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public String describe() {
        return symlink != null ? symlink + " -> " + slavePath : slavePath;
    }

    @Override
    public void close() {
        synchronized (fdLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (inUse == 0) {
                releaseDescriptors();
            }
        }
        if (unlinkOnExit != null) {
            removeSymlink();
            try {
                Runtime.getRuntime().removeShutdownHook(unlinkOnExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down; the hook runs anyway
            }
        }
    }

    /** Removes the symlink if it still points at this terminal (also on JVM exit). */
    private void removeSymlink() {
        try {
            if (Files.isSymbolicLink(symlink) && Files.readSymbolicLink(symlink).toString().equals(slavePath)) {
                Files.delete(symlink);
            }
        } catch (IOException e) {
            // someone else owns it now
        }
    }

    private int poll(Memory pfd, short events, int timeoutMillis) throws IOException {
        pfd.setInt(0, this.fd);
        pfd.setShort(4, events);
        pfd.setShort(6, (short) 0);
        int rc = libc.poll(pfd, new NativeLong(1), Math.max(0, timeoutMillis));
        if (rc < 0) {
            int errno = Native.getLastError();
            if (errno == Posix.EINTR) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted");
                }
                return 0;
            }
            throw new IOException("poll " + slavePath + " failed: errno " + errno);
        }
        short revents = pfd.getShort(6);
        if (rc > 0 && (revents & Posix.POLLNVAL) != 0) {
            throw new IOException("pty descriptor invalid");
        }
        return rc > 0 && (revents & (events | Posix.POLLERR | Posix.POLLHUP)) != 0 ? 1 : 0;
    }

    private static void makeRaw(LibC c, int fd) throws IOException {
        try (Memory termios = new Memory(Posix.TERMIOS_SIZE)) {
            termios.clear();
            if (c.tcgetattr(fd, termios) != 0) {
                throw error("tcgetattr");
            }
            c.cfmakeraw(termios);
            if (c.tcsetattr(fd, Posix.TCSANOW, termios) != 0) {
                throw error("tcsetattr");
            }
        }
    }

    private static void linkTo(Path link, String target) throws IOException {
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
            throw new IOException(link + " exists and is not a symlink; not replacing it");
        }
        Path dir = link.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + link.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(target));
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }

    private static IOException error(String what) {
        return new IOException(what + " failed: errno " + Native.getLastError());
    }
}
