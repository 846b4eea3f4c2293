package io.omvcap.transport;

import io.omvcap.link.SocketLink;
import io.omvcap.transport.PortUnavailableException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Opens TCP connections to cams (WiFi/Ethernet boards, or a simulated cam served over TCP) as
 * {@link SocketLink}s, turning connection failures into one-line {@link PortUnavailableException}s.
 */
public final class TcpLink {
    /** How long connecting may take. */
    public static final int CONNECT_TIMEOUT_MS = 5_000;

    private TcpLink() {
    }

    /** Connects to {@code host:port}. */
    public static SocketLink connect(String host, int port) throws PortUnavailableException {
        String description = "tcp://" + host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return new SocketLink(socket, description);
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new PortUnavailableException(Reason.MISSING, "unknown host " + host + " in " + description, e);
        } catch (ConnectException e) {
            closeQuietly(socket);
            throw new PortUnavailableException(Reason.MISSING, "nothing listens on " + description + " (connection refused)", e);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new PortUnavailableException(Reason.MISSING, "no answer from " + description + " within "
                    + CONNECT_TIMEOUT_MS + " ms", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new PortUnavailableException(Reason.FAILED, "cannot connect to " + description + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to save
        }
    }
}
