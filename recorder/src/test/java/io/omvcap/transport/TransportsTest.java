package io.omvcap.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.link.ByteLink;
import io.omvcap.link.LinkProvider;
import io.omvcap.link.PipeLink;
import io.omvcap.transport.PortUnavailableException.Reason;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Spec parsing, the provider registry (ServiceLoader included) and the TCP transport. */
@Timeout(30)
class TransportsTest {

    @Test
    void specsMapToSchemes() {
        assertEquals(new LinkSpec("serial", "/dev/ttyACM0", "/dev/ttyACM0"), LinkSpec.parse("/dev/ttyACM0"));
        assertEquals("serial", LinkSpec.parse("COM3").scheme());
        assertEquals("serial", LinkSpec.parse("C:\\\\ports\\\\cam").scheme(), "a drive letter is no scheme");
        assertEquals("/dev/pts/4", LinkSpec.parse("serial:/dev/pts/4").target());
        LinkSpec tcp = LinkSpec.parse("tcp://cam.local:4242");
        assertEquals("tcp", tcp.scheme());
        assertEquals("cam.local", tcp.host());
        assertEquals(4242, tcp.port());
        assertEquals("::1", LinkSpec.parse("tcp://[::1]:80").host());
        assertEquals(new LinkSpec("sim", "", "sim:"), LinkSpec.parse("sim:"));
        assertEquals("sim", LinkSpec.parse("SIM:cam1").scheme());
        assertEquals("cam1", LinkSpec.parse("SIM:cam1").target());
    }

    @Test
    void malformedSpecsAreRefusedInOneLine() {
        for (String bad : new String[] {"", "tcp://host", "tcp:host:1", "tcp://h:0", "tcp://h:70000", "serial:"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinkSpec.parse(bad), bad);
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void providersOnTheClassPathAreFoundThroughServiceLoader() throws Exception {
        assertTrue(Transports.schemes().contains("loop"), Transports.schemes().toString());
        try (ByteLink link = Transports.open("loop:one")) {
            assertTrue(link instanceof PipeLink);
            assertEquals("loop:one", link.describe());
        }
    }

    @Test
    void registeredProvidersServeTheirScheme() throws Exception {
        Transports.register(new LinkProvider() {
            @Override
            public String scheme() {
                return "Sim2";
            }

            @Override
            public ByteLink open(String spec) {
                return PipeLink.pair("simulated " + spec)[0];
            }
        });
        try (ByteLink link = Transports.open("sim2:cam")) {
            assertEquals("simulated sim2:cam", link.describe());
        }
        assertThrows(IllegalArgumentException.class, () -> Transports.register(new LoopProvider() {
            @Override
            public String scheme() {
                return "tcp";
            }
        }));
    }

    @Test
    void unknownSchemesNameTheKnownOnes() {
        PortUnavailableException e = assertThrows(PortUnavailableException.class, () -> Transports.open("nosuch:"));
        assertEquals(Reason.MISSING, e.reason());
        assertTrue(e.getMessage().startsWith("no transport for 'nosuch:' in 'nosuch:' (known: "), e.getMessage());
        assertTrue(e.getMessage().contains("loop") && e.getMessage().contains("tcp") && e.getMessage().contains("serial"));
        assertTrue(e.getMessage().contains("sim"), "the replay module provides sim: " + e.getMessage());
    }

    @Test
    void aMissingSerialPathIsMissing() {
        PortUnavailableException e = assertThrows(PortUnavailableException.class,
                () -> Transports.open("/dev/omvcap-none"));
        assertEquals(Reason.MISSING, e.reason());
    }

    @Test
    void tcpExchangesBytesWithNoDelayTimesOutAndSeesThePeerLeave() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String spec = "tcp://127.0.0.1:" + server.getLocalPort();
            try (ByteLink link = Transports.open(spec); Socket peer = server.accept()) {
                assertEquals(spec, link.describe());
                assertTrue(((io.omvcap.link.SocketLink) link).noDelay());
                byte[] hello = {(byte) 0xAA, (byte) 0xD5, 0, 0, 0, 0, 0, 0, 0x12, 0x34};
                link.write(hello, 0, hello.length);
                InputStream in = peer.getInputStream();
                assertArrayEquals(hello, in.readNBytes(hello.length));
                byte[] buf = new byte[64];
                long start = System.nanoTime();
                assertEquals(0, link.read(buf, 0, buf.length, 0), "zero timeout does not block");
                assertEquals(0, link.read(buf, 0, buf.length, 100));
                assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 90);
                OutputStream out = peer.getOutputStream();
                out.write(new byte[] {1, 2, 3});
                out.flush();
                int n = 0;
                while (n < 3) {
                    int r = link.read(buf, n, buf.length - n, 1000);
                    assertTrue(r >= 0);
                    n += r;
                }
                assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(buf, 3));
                peer.close();
                assertEquals(-1, link.read(buf, 0, buf.length, 2000));
                assertFalse(link.isOpen());
            }
        }
    }

    @Test
    void tcpConnectionRefusedIsOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int closedPort = port;
        PortUnavailableException e = assertThrows(PortUnavailableException.class,
                () -> Transports.open("tcp://127.0.0.1:" + closedPort));
        assertEquals("nothing listens on tcp://127.0.0.1:" + closedPort + " (connection refused)", e.getMessage());
    }
}
