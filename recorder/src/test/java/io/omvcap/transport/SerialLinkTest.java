package io.omvcap.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.transport.PortUnavailableException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** jSerialComm on real pseudo-terminals: both directions, timeouts, missing and vanishing ports. */
@Timeout(30)
class SerialLinkTest {

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static byte[] readFully(SerialLink link, int n, int timeoutMs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (out.size() < n && System.currentTimeMillis() < deadline) {
            int r = link.read(buf, 0, Math.min(buf.length, n - out.size()), 200);
            if (r < 0) {
                throw new IOException("link ended after " + out.size() + " bytes");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    @Test
    void exchangesBinaryBytesBothWaysAt921600() throws Exception {
        try (Pty pty = new Pty(); SerialLink link = SerialLink.open(pty.slavePath())) {
            assertEquals(921_600, link.baudRate());
            assertTrue(link.isOpen());
            assertEquals(pty.slavePath(), link.describe());
            byte[] toCam = pattern(5000);
            link.write(toCam, 0, toCam.length);
            assertArrayEquals(toCam, pty.read(toCam.length, 5000));
            byte[] toHost = pattern(3000);
            toHost[0] = 0x00;
            toHost[1] = (byte) 0xFF;
            toHost[2] = 0x0A;
            toHost[3] = 0x0D;
            pty.write(toHost);
            assertArrayEquals(toHost, readFully(link, toHost.length, 5000));
        }
    }

    @Test
    void opensThroughASymlink(@TempDir Path dir) throws Exception {
        try (Pty pty = new Pty()) {
            Path alias = Files.createSymbolicLink(dir.resolve("ttyOMV"), Path.of(pty.slavePath()));
            try (SerialLink link = SerialLink.open(alias.toString())) {
                pty.write(new byte[] {(byte) 0xAA, (byte) 0xD5});
                assertArrayEquals(new byte[] {(byte) 0xAA, (byte) 0xD5}, readFully(link, 2, 5000));
                assertEquals(alias.toString(), link.describe());
            }
        }
    }

    @Test
    void readsTimeOutWithZeroAndZeroTimeoutDoesNotBlock() throws Exception {
        try (Pty pty = new Pty(); SerialLink link = SerialLink.open(pty.slavePath())) {
            byte[] buf = new byte[16];
            long start = System.nanoTime();
            assertEquals(0, link.read(buf, 0, buf.length, 0));
            assertEquals(0, link.read(buf, 0, buf.length, 150));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 100 && millis < 2_000, "waited " + millis + " ms for a 150 ms timeout");
        }
    }

    @Test
    void aMissingPortIsAOneLineError() {
        PortUnavailableException e = assertThrows(PortUnavailableException.class,
                () -> SerialLink.open("/dev/omvcap-no-such-port"));
        assertEquals(Reason.MISSING, e.reason());
        assertEquals("serial port /dev/omvcap-no-such-port does not exist", e.getMessage());
    }

    @Test
    void aPortOpenInThisProcessIsBusy() throws Exception {
        try (Pty pty = new Pty(); SerialLink first = SerialLink.open(pty.slavePath())) {
            PortUnavailableException e = assertThrows(PortUnavailableException.class,
                    () -> SerialLink.open(pty.slavePath()).close());
            assertEquals(Reason.BUSY, e.reason());
            assertEquals("serial port " + pty.slavePath() + " is busy (already open here or in another program)",
                    e.getMessage());
            assertTrue(first.isOpen());
        }
    }

    @Test
    void aPortLockedByAnotherProgramIsBusy() throws Exception {
        try (Pty pty = new Pty(); AutoCloseable other = pty.holdSlaveExclusively()) {
            PortUnavailableException e = assertThrows(PortUnavailableException.class,
                    () -> SerialLink.open(pty.slavePath()).close());
            assertEquals(Reason.BUSY, e.reason(), e.getMessage());
        }
    }

    @Test
    void aPortThatVanishesMidReadEndsTheLinkPromptly() throws Exception {
        Pty pty = new Pty();
        try (SerialLink link = SerialLink.open(pty.slavePath())) {
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                byte[] buf = new byte[64];
                try {
                    int n;
                    do {
                        n = link.read(buf, 0, buf.length, 10_000);
                    } while (n == 0);
                    return n;
                } catch (IOException e) {
                    return -2;
                }
            });
            Thread.sleep(200); // let the read block in the port before the master goes away
            long start = System.nanoTime();
            pty.close();
            int outcome = read.get(5, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(outcome == -1 || outcome == -2, "read ended with " + outcome);
            assertTrue(millis < 3_000, "noticed after " + millis + " ms");
            assertFalse(link.isOpen());
            byte[] one = {1};
            assertThrows(IOException.class, () -> link.write(one, 0, 1));
        } finally {
            pty.close();
        }
    }

    @Test
    void aWriteToAPortThatVanishedFailsAtOnce() throws Exception {
        // jSerialComm reports the vanished port's writes as 0 bytes written, like a full queue;
        // they used to be retried for the whole write timeout (5 s of an unplug went unnoticed)
        Pty pty = new Pty();
        try (SerialLink link = SerialLink.open(pty.slavePath())) {
            byte[] request = pattern(20);
            link.write(request, 0, request.length);
            pty.close();
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> link.write(request, 0, request.length));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 500, "noticed after " + millis + " ms");
            assertTrue(e.getMessage().contains("is gone"), e.getMessage());
            assertFalse(link.isOpen());
        } finally {
            pty.close();
        }
    }
}
