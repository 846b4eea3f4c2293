package io.omvcap.pty;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** The few libc calls a pseudo-terminal needs. Errors: -1 returned, errno in {@code Native.getLastError()}. */
interface LibC extends Library {
    LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

    int posix_openpt(int flags);

    int grantpt(int fd);

    int unlockpt(int fd);

    /** Returns 0, or an error number. */
    int ptsname_r(int fd, byte[] buf, NativeLong buflen);

    int tcgetattr(int fd, Pointer termios);

    void cfmakeraw(Pointer termios);

    int tcsetattr(int fd, int optionalActions, Pointer termios);

    int open(String path, int flags);

    int close(int fd);

    int fcntl(int fd, int cmd, int arg);

    NativeLong read(int fd, Pointer buf, NativeLong count);

    NativeLong write(int fd, Pointer buf, NativeLong count);

    int poll(Pointer fds, NativeLong nfds, int timeoutMillis);

    int ioctl(int fd, NativeLong request, Pointer arg);

    int inotify_init1(int flags);

    int inotify_add_watch(int fd, String path, int mask);
}
