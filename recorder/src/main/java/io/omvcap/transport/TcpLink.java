package io.omvcap.transport;

import io.omvcap.link.ByteLink;
import io.omvcap.transport.PortUnavailableException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * A TCP connection to a cam (WiFi/Ethernet boards, or a simulated cam served over TCP), with
 * TCP_NODELAY so small requests and ACKs are not held back. Reads wait with a timeout; end of
 * stream or a reset ends the link.
 *
 * <p>One reader and one writer may run at the same time.
 */
public final class TcpLink implements ByteLink {
    /** How long connecting may take. */
    public static final int CONNECT_TIMEOUT_MS = 5_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String description;
    private int soTimeout = -1;
    private volatile boolean ended;

    private TcpLink(Socket socket, String description) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.description = description;
    }

    /** Connects to {@code host:port}. */
    public static TcpLink connect(String host, int port) throws PortUnavailableException {
        String description = "tcp://" + host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return new TcpLink(socket, description);
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

    /** Whether TCP_NODELAY is on. */
    public boolean noDelay() throws SocketException {
        return socket.getTcpNoDelay();
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (timeoutMillis <= 0 && in.available() == 0) {
            return 0;
        }
        int wanted = Math.max(1, timeoutMillis);
        if (wanted != soTimeout) {
            socket.setSoTimeout(wanted);
            soTimeout = wanted;
        }
        try {
            int n = in.read(buf, off, len);
            if (n < 0) {
                ended = true;
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            ended = true;
            throw e;
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        try {
            out.write(buf, off, len);
            out.flush();
        } catch (IOException e) {
            ended = true;
            throw e;
        }
    }

    @Override
    public boolean isOpen() {
        return !ended && !socket.isClosed();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        socket.close();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to save
        }
    }
}
