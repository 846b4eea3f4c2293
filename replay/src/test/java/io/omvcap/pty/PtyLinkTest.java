package io.omvcap.pty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The JNA pseudo-terminal carries every byte value both ways and manages its symlink. */
@Timeout(60)
class PtyLinkTest {

    @Test
    void carriesBinaryBothWays(@TempDir Path dir) throws IOException {
        Path link = dir.resolve("omvcam");
        try (PtyLink pty = PtyLink.open(link);
                RandomAccessFile slave = new RandomAccessFile(link.toFile(), "rw")) {
            assertTrue(pty.slavePath().startsWith("/dev/"), pty.slavePath());
            assertEquals(Path.of(pty.slavePath()), Files.readSymbolicLink(link));
            byte[] all = new byte[512];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            FileChannel host = slave.getChannel();
            host.write(ByteBuffer.wrap(all));
            assertArrayEquals(all, readFully(pty, all.length), "host to cam, raw");
            pty.write(all);
            ByteBuffer got = ByteBuffer.allocate(all.length);
            while (got.hasRemaining()) {
                host.read(got);
            }
            assertArrayEquals(all, got.array(), "cam to host, raw");
            assertEquals(0, pty.read(new byte[16], 0, 16, 20), "read times out with 0");
        }
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS), "symlink removed on close");
    }

    @Test
    void aHostWatchingTerminalSeesHostsComeAndGo() throws Exception {
        try (PtyLink pty = PtyLink.openForHosts(null)) {
            assertFalse(pty.hostAttached(), "nobody has the slave open yet");
            assertEquals(-1, pty.read(new byte[16], 0, 16, 20), "reads end while no host is there");
            pty.write("queued".getBytes());
            try (PtyLink host = PtyLink.attach(pty.slavePath())) {
                assertTrue(pty.hostAttached());
                assertArrayEquals("queued".getBytes(), readFully(host, 6), "written while no host was there: queued");
                host.write("last words".getBytes());
                pty.write("hello".getBytes());
                assertArrayEquals("hello".getBytes(), readFully(host, 5));
            }
            assertFalse(pty.hostAttached(), "the host closed the slave");
            assertArrayEquals("last words".getBytes(), readFully(pty, 10), "what the host wrote before closing is still read");
            assertEquals(-1, pty.read(new byte[16], 0, 16, 20));
            try (PtyLink again = PtyLink.attach(pty.slavePath())) {
                assertTrue(pty.hostAttached(), "a second host");
                again.write("2".getBytes());
                assertArrayEquals("2".getBytes(), readFully(pty, 1));
                assertEquals(38400, pty.hostBaudRate(), "the pty default speed, as the host sees it");
            }
        }
    }

    @Test
    void hostSessionsAreCountedEvenWhenAHostClosesAndReopensAtOnce() throws Exception {
        try (PtyLink pty = PtyLink.openForHosts(null)) {
            assertEquals(new HostWatch.Sessions(0, 0), pty.hosts().sessions());
            for (int i = 0; i < 3; i++) {
                PtyLink.attach(pty.slavePath()).close();
            }
            try (PtyLink host = PtyLink.attach(pty.slavePath()); PtyLink sameHost = PtyLink.attach(pty.slavePath())) {
                HostWatch.Sessions s = pty.hosts().sessions();
                assertEquals(new HostWatch.Sessions(4, 3), s, "three back-to-back sessions and a fourth");
                assertTrue(s.attached());
            }
            assertEquals(new HostWatch.Sessions(4, 4), pty.hosts().sessions(), "two descriptors, one session");
        }
    }

    @Test
    void replacesAStaleSymlinkButNotAFile(@TempDir Path dir) throws IOException {
        Path link = dir.resolve("cam");
        Files.createSymbolicLink(link, dir.resolve("gone"));
        try (PtyLink pty = PtyLink.open(link)) {
            assertEquals(Path.of(pty.slavePath()), Files.readSymbolicLink(link));
        }
        Path file = dir.resolve("file");
        Files.writeString(file, "keep");
        assertThrows(IOException.class, () -> PtyLink.open(file));
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void readsAfterCloseReportEnd() throws IOException {
        PtyLink pty = PtyLink.open();
        assertTrue(pty.isOpen());
        pty.close();
        assertFalse(pty.isOpen());
        assertEquals(-1, pty.read(new byte[4], 0, 4, 10));
        assertThrows(IOException.class, () -> pty.write(new byte[] {1}));
    }

    @Test
    void survivesAHostComingAndGoing() throws IOException {
        try (PtyLink pty = PtyLink.open()) {
            for (int round = 0; round < 3; round++) {
                try (RandomAccessFile slave = new RandomAccessFile(pty.slavePath(), "rw")) {
                    slave.getChannel().write(ByteBuffer.wrap(new byte[] {(byte) round, 42}));
                    assertArrayEquals(new byte[] {(byte) round, 42}, readFully(pty, 2));
                }
                assertEquals(0, pty.read(new byte[4], 0, 4, 10), "no EIO while no host is attached");
            }
        }
    }

    @Test
    void attachOpensTheHostEnd() throws IOException {
        try (PtyLink cam = PtyLink.open(); PtyLink host = PtyLink.attach(cam.slavePath())) {
            host.write(new byte[] {(byte) 0xAA, (byte) 0xD5, 0x03, 0x0A, 0x0D});
            assertArrayEquals(new byte[] {(byte) 0xAA, (byte) 0xD5, 0x03, 0x0A, 0x0D}, readFully(cam, 5));
            cam.write(new byte[] {0x11, 0x13, 0x00});
            assertArrayEquals(new byte[] {0x11, 0x13, 0x00}, readFully(host, 3), "no flow control, no translation");
            assertEquals(cam.slavePath(), host.describe());
            cam.close();
            assertEquals(-1, host.read(new byte[4], 0, 4, 200), "the host end sees the hang-up");
        }
    }

    private static byte[] readFully(PtyLink pty, int n) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (got < n && System.nanoTime() < deadline) {
            got += pty.read(out, got, n - got, 50);
        }
        return Arrays.copyOf(out, got);
    }

    /**
     * A close() while another thread waits in read() must not free the descriptor under it: the
     * number is reused by the next file opened, and the waiting read would consume that file.
     */
    @Test
    void closingDuringAReadNeverTouchesAFileThatReusesTheDescriptor(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("archive.bin");
        Files.write(file, new byte[4096]);
        for (int round = 0; round < 20; round++) {
            PtyLink link = PtyLink.open();
            int[] result = new int[1];
            Thread reader = new Thread(() -> {
                try {
                    result[0] = link.read(new byte[256], 0, 256, 1_000);
                } catch (IOException e) {
                    result[0] = -2;
                }
            });
            reader.start();
            Thread.sleep(20);
            link.close();
            try (FileChannel ch = FileChannel.open(file)) {
                reader.join(5_000);
                assertFalse(reader.isAlive(), "the read ended after close");
                assertEquals(0, ch.position(), "the closed link read nothing from the file that reused its number");
            }
            assertEquals(-1, result[0], "a read that outlives close() reports the end");
        }
    }
}
