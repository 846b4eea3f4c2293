package io.omvcap.pty;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.io.IOException;

/**
 * Counts the host sessions on the slave of a pseudo-terminal made with
 * {@link PtyLink#openForHosts}: a session starts when a program opens the slave while nobody has it
 * open and ends when its last descriptor is closed. Counted from the kernel's queued open and close
 * notifications (inotify), so a host that closes and reopens the terminal within microseconds still
 * counts as two sessions; where inotify is unavailable (not Linux), from the master's hang-up state
 * as seen at each call.
 */
public final class HostWatch implements AutoCloseable {
    private static final int IN_OPEN = 0x20;
    private static final int IN_CLOSE_WRITE = 0x08;
    private static final int IN_CLOSE_NOWRITE = 0x10;
    private static final int IN_NONBLOCK = 0x800;
    private static final int IN_CLOEXEC = 0x80000;
    /** {@code struct inotify_event} without the name: wd, mask, cookie, len. */
    private static final int EVENT_HEADER = 16;
    private static final int BUFFER = 4096;

    /**
     * Host sessions so far.
     *
     * @param started sessions begun: a program opened the slave while nobody had it open
     * @param ended   sessions over: the last descriptor of the slave was closed
     */
    public record Sessions(long started, long ended) {
        /** Whether a host has the slave open now. */
        public boolean attached() {
            return started > ended;
        }
    }

    private final LibC libc;
    private final int fd;
    private final Memory buf;
    private PtyLink link;
    private int openDescriptors;
    private long started;
    private long ended;
    private boolean attached;
    private boolean closed;

    private HostWatch(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
        this.buf = fd >= 0 ? new Memory(BUFFER) : null;
    }

    /** Watches {@code slavePath} with inotify where it can. */
    static HostWatch on(LibC libc, String slavePath) {
        if (!Platform.isLinux()) {
            return new HostWatch(libc, -1);
        }
        int fd = libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (fd >= 0 && libc.inotify_add_watch(fd, slavePath, IN_OPEN | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE) < 0) {
            libc.close(fd);
            fd = -1;
        }
        return new HostWatch(libc, fd);
    }

    /** The terminal whose hang-up state stands in when inotify is unavailable. */
    void fallback(PtyLink pty) {
        this.link = pty;
    }

    /** The sessions so far, after taking the notifications queued since the last call. */
    public synchronized Sessions sessions() throws IOException {
        if (fd < 0) {
            boolean now = link.hostAttached();
            if (now && !attached) {
                started++;
            } else if (!now && attached) {
                ended++;
            }
            attached = now;
        } else if (!closed) {
            long n;
            while ((n = libc.read(fd, buf, new NativeLong(BUFFER)).longValue()) > 0) {
                for (int off = 0; off + EVENT_HEADER <= n; off += EVENT_HEADER + buf.getInt(off + 12)) {
                    count(buf.getInt(off + 4));
                }
            }
        }
        return new Sessions(started, ended);
    }

    private void count(int mask) {
        if ((mask & IN_OPEN) != 0 && openDescriptors++ == 0) {
            started++;
        }
        if ((mask & (IN_CLOSE_WRITE | IN_CLOSE_NOWRITE)) != 0 && openDescriptors > 0 && --openDescriptors == 0) {
            ended++;
        }
    }

    @Override
    public synchronized void close() {
        if (fd >= 0 && !closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
