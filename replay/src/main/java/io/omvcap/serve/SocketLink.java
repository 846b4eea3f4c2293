package io.omvcap.serve;

import io.omvcap.link.ByteLink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A {@link ByteLink} over a connected TCP socket (TCP_NODELAY on); either side of a connection. */
public final class SocketLink implements ByteLink {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String name;
    private volatile boolean ended;

    /** Wraps a connected socket. */
    public SocketLink(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.name = "tcp://" + socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    /** Connects to {@code host:port}. */
    public static SocketLink connect(String host, int port) throws IOException {
        return new SocketLink(new Socket(host, port));
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        if (ended || socket.isClosed()) {
            return -1;
        }
        if (timeoutMillis <= 0 && in.available() == 0) {
            return 0;
        }
        socket.setSoTimeout(Math.max(1, timeoutMillis));
        try {
            int n = in.read(buf, off, len);
            if (n < 0) {
                ended = true;
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        out.write(buf, off, len);
    }

    @Override
    public boolean isOpen() {
        return !ended && !socket.isClosed();
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
