package io.omvcap.pty;

import com.sun.jna.Platform;

/** POSIX constants for the platforms this runs on (Linux; macOS where they differ). */
final class Posix {
    static final int O_RDWR = 0x2;
    static final int O_NOCTTY = Platform.isMac() ? 0x20000 : 0x100;
    static final int O_NONBLOCK = Platform.isMac() ? 0x4 : 0x800;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int TCSANOW = 0;
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = Platform.isMac() ? 35 : 11;
    /** Generous size for {@code struct termios}, handled as opaque memory. */
    static final int TERMIOS_SIZE = 256;

    private Posix() {
    }
}
