package io.omvcap.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.link.ByteLink;
import io.omvcap.transport.PortUnavailableException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waiting at start for a port that is not there yet. */
class PortWaitTest {
    private final List<String> status = new CopyOnWriteArrayList<>();

    @Test
    void aSerialPortPluggedInLaterIsOpenedWhenItAppears(@TempDir Path dir) throws Exception {
        Path port = dir.resolve("ttyOMV");
        try (Pty pty = new Pty()) {
            Thread plug = later(500, () -> Files.createSymbolicLink(port, Path.of(pty.slavePath())));
            long start = System.nanoTime();
            try (ByteLink link = PortWait.FOREVER.open(port.toString(), () -> false, status::add).orElseThrow()) {
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(waited >= 400, "opened after " + waited + " ms, before the port existed");
                assertEquals(port.toString(), link.describe());
                pty.write(new byte[] {1, 2, 3});
                byte[] got = new byte[3];
                int n = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (n < 3 && System.nanoTime() < deadline) {
                    n += Math.max(0, link.read(got, n, 3 - n, 100));
                }
                assertArrayEquals(new byte[] {1, 2, 3}, got);
            }
            plug.join();
        }
        assertEquals(2, status.size(), status.toString());
        assertEquals("waiting for " + port + " to appear (forever): serial port " + port + " does not exist",
                status.get(0));
        assertTrue(status.get(1).startsWith(port + " appeared after "), status.get(1));
    }

    @Test
    void aLimitEndsTheWaitWithOneLine() {
        long start = System.nanoTime();
        PortUnavailableException e = assertThrows(PortUnavailableException.class,
                () -> PortWait.upTo(Duration.ofMillis(400)).open("/dev/omvcap-no-such-port", () -> false, status::add));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 400 && waited < 3000, "gave up after " + waited + " ms");
        assertEquals(Reason.MISSING, e.reason());
        assertEquals("/dev/omvcap-no-such-port did not appear within 0.4s (serial port /dev/omvcap-no-such-port "
                + "does not exist)", e.getMessage());
        assertEquals(List.of("waiting for /dev/omvcap-no-such-port to appear (up to 0.4s): serial port "
                + "/dev/omvcap-no-such-port does not exist"), status);
    }

    @Test
    void aStopRequestEndsTheWaitPromptlyWithNothingOpen() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread stopper = later(300, () -> stop.set(true));
        long start = System.nanoTime();
        Optional<ByteLink> link = PortWait.FOREVER.open("/dev/omvcap-no-such-port", stop::get, status::add);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        stopper.join();
        assertTrue(link.isEmpty());
        assertTrue(waited >= 250 && waited < 1500, "stopped after " + waited + " ms");
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() throws Exception {
        Thread.currentThread().interrupt();
        try {
            assertTrue(PortWait.FOREVER.open("/dev/omvcap-no-such-port", () -> false, status::add).isEmpty());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void withoutWaitingAMissingPortFailsAtOnce() {
        PortUnavailableException e = assertThrows(PortUnavailableException.class,
                () -> PortWait.NONE.open("/dev/omvcap-no-such-port", () -> false, status::add));
        assertEquals("serial port /dev/omvcap-no-such-port does not exist", e.getMessage());
        assertEquals(List.of(), status);
    }

    @Test
    void anUnknownSchemeIsNeverWaitedFor() {
        PortUnavailableException e = assertThrows(PortUnavailableException.class,
                () -> PortWait.FOREVER.open("nosuch:thing", () -> false, status::add));
        assertTrue(e.getMessage().startsWith("no transport for 'nosuch:'"), e.getMessage());
        assertEquals(List.of(), status);
    }

    @Test
    void aBusyPortIsRetriedUntilItsHolderLetsGo() throws Exception {
        try (Pty pty = new Pty()) {
            SerialLink holder = SerialLink.open(pty.slavePath());
            Thread release = later(600, holder::close);
            try (ByteLink link = PortWait.upTo(Duration.ofSeconds(10)).open(pty.slavePath(), () -> false, status::add)
                    .orElseThrow()) {
                assertTrue(link.isOpen());
            }
            release.join();
        }
        assertTrue(status.get(0).contains("is busy"), status.toString());
    }

    @Test
    void aTcpCamIsWaitedForUntilItListens() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        ServerSocket[] server = new ServerSocket[1];
        Thread listen = later(500, () -> server[0] = new ServerSocket(free, 1, InetAddress.getLoopbackAddress()));
        try (ByteLink link = PortWait.FOREVER.open("tcp://127.0.0.1:" + free, () -> false, status::add).orElseThrow()) {
            listen.join();
            try (Socket accepted = server[0].accept()) {
                accepted.getOutputStream().write(7);
                byte[] b = new byte[1];
                assertEquals(1, link.read(b, 0, 1, 5000));
                assertEquals(7, b[0]);
            }
        } finally {
            listen.join();
            if (server[0] != null) {
                server[0].close();
            }
        }
        assertTrue(status.get(0).contains("connection refused"), status.toString());
    }

    @Test
    void settingsDescribeThemselves() {
        assertEquals("forever", PortWait.FOREVER.describe());
        assertEquals("no wait", PortWait.NONE.describe());
        assertEquals("up to 1m30s", PortWait.upTo(Duration.ofSeconds(90)).describe());
        assertEquals("up to 2h", PortWait.upTo(Duration.ofHours(2)).describe());
        assertEquals("up to 2.5s", PortWait.upTo(Duration.ofMillis(2500)).describe());
        assertFalse(PortWait.NONE.enabled());
        assertThrows(IllegalArgumentException.class, () -> PortWait.upTo(Duration.ZERO));
    }

    /** Work done on another thread after {@code millis}. */
    private interface Step {
        void run() throws IOException;
    }

    private static Thread later(long millis, Step step) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
                step.run();
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        }, "port-wait-test");
        t.start();
        return t;
    }
}
