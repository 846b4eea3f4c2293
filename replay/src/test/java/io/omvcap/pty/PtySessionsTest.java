package io.omvcap.pty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.link.ByteLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One link per host session of a terminal, however quickly the next host follows. */
@Timeout(30)
class PtySessionsTest {
    @Test
    void eachOpenToCloseIsItsOwnLink() throws Exception {
        try (PtyLink pty = PtyLink.openForHosts(null)) {
            PtySessions sessions = new PtySessions(pty);
            assertNull(sessions.awaitHost(20), "nobody opened the terminal yet");
            try (PtyLink host = PtyLink.attach(pty.slavePath())) {
                ByteLink first = sessions.awaitHost(1_000);
                assertNotNull(first);
                host.write("one".getBytes());
                assertArrayEquals("one".getBytes(), readUntilEnd(first, 3));
                first.write("back".getBytes());
                byte[] got = new byte[4];
                int n = 0;
                while (n < 4) {
                    n += Math.max(0, host.read(got, n, 4 - n, 100));
                }
                assertArrayEquals("back".getBytes(), got);
            }
            try (PtyLink again = PtyLink.attach(pty.slavePath())) {
                again.write("two".getBytes());
                ByteLink second = sessions.awaitHost(1_000);
                assertNotNull(second, "a host that reopened at once is a new session");
                assertArrayEquals("two".getBytes(), readUntilEnd(second, 3));
            }
        }
    }

    @Test
    void aSessionEndsWhenItsHostClosesAndANewOneTakesTheTerminal() throws Exception {
        try (PtyLink pty = PtyLink.openForHosts(null)) {
            PtySessions sessions = new PtySessions(pty);
            PtyLink.attach(pty.slavePath()).close();
            ByteLink gone = sessions.awaitHost(1_000);
            assertNotNull(gone, "a host already gone again still counts");
            assertEquals(-1, gone.read(new byte[8], 0, 8, 50), "its link ends");
            assertThrows(IOException.class, () -> gone.write(new byte[] {1}));
            assertTrue(pty.isOpen(), "the terminal stays for the next host");
        }
        try (PtyLink holding = PtyLink.open()) {
            assertThrows(IllegalArgumentException.class, () -> new PtySessions(holding),
                    "a terminal that holds its own slave cannot tell hosts apart");
        }
    }

    /** Reads up to {@code n} bytes (fewer when the link ends or 5 s pass). */
    private static byte[] readUntilEnd(ByteLink link, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64];
        long end = System.nanoTime() + 5_000_000_000L;
        while (out.size() < n && System.nanoTime() < end) {
            int k = link.read(buf, 0, buf.length, 50);
            if (k < 0) {
                break;
            }
            out.write(buf, 0, k);
        }
        return out.toByteArray();
    }
}
