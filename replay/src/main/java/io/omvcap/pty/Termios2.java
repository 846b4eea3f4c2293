package io.omvcap.pty;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;

/**
 * Reads a terminal's speeds with Linux's {@code TCGETS2} ioctl, whose {@code struct termios2}
 * carries the actual rates ({@code c_ispeed}, {@code c_ospeed}) for standard and custom
 * ({@code BOTHER}) settings alike. On a pty master it shows the slave's settings, i.e. what the
 * host program set. Layout and request number are those of x86, x86-64, ARM and AArch64.
 */
final class Termios2 {
    /** {@code _IOR('T', 0x2A, struct termios2)} with the 44-byte struct. */
    private static final long TCGETS2 = 0x802C542AL;
    private static final int SIZE = 44;
    /** Offset of {@code c_ospeed}: four flag words, {@code c_line}, 19 control characters, {@code c_ispeed}. */
    private static final int OSPEED_OFFSET = 40;

    private Termios2() {
    }

    /** The output speed in baud, or -1 when it cannot be read here. */
    static int outputSpeed(LibC libc, int fd) {
        if (!Platform.isLinux() || !(Platform.isIntel() || Platform.isARM())) {
            return -1;
        }
        try (Memory t = new Memory(SIZE)) {
            t.clear();
            if (libc.ioctl(fd, new NativeLong(TCGETS2), t) != 0) {
                return -1;
            }
            return t.getInt(OSPEED_OFFSET);
        }
    }
}
