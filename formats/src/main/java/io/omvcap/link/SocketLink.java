package io.omvcap.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * A {@link ByteLink} over a connected TCP socket, either side of the connection, with TCP_NODELAY
 * on so small requests and ACKs are not held back. Reads wait with a timeout; end of stream or a
 * reset ends the link. One reader and one writer may run at the same time.
 */
public final class SocketLink implements ByteLink {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String description;
    private int soTimeout = -1;
    private volatile boolean ended;

    /** Wraps a connected socket, described by its peer address. */
    public SocketLink(Socket socket) throws IOException {
        this(socket, "tcp://" + socket.getInetAddress().getHostAddress() + ":" + socket.getPort());
    }

    /** Wraps a connected socket with a description for messages. */
    public SocketLink(Socket socket, String description) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.description = description;
    }

    /** Connects to {@code host:port} (no friendly error mapping; hosts use the recorder's transports). */
    public static SocketLink connect(String host, int port) throws IOException {
        return new SocketLink(new Socket(host, port));
    }

    /** Whether TCP_NODELAY is on. */
    public boolean noDelay() throws SocketException {
        return socket.getTcpNoDelay();
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        if (ended || socket.isClosed()) {
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
}
