package io.omvcap.serve;

import io.omvcap.link.ByteLink;
import io.omvcap.link.SocketLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A TCP listener for hosts, one at a time; connections made while a host is attached are closed at once. */
public final class TcpTransport implements CamTransport {
    private final ServerSocketChannel server;
    private final Selector selector;
    private final String endpoint;

    /** Listens on {@code host:port} ({@code port} 0 picks a free port). */
    public TcpTransport(String host, int port) throws IOException {
        server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(host, port), 1);
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
        endpoint = "tcp://" + bound.getAddress().getHostAddress() + ":" + bound.getPort();
    }

    /** The port actually bound. */
    public int port() throws IOException {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    @Override
    public ByteLink accept(int timeoutMillis) throws IOException {
        SocketChannel ch = server.accept();
        if (ch == null && selector.select(Math.max(1, timeoutMillis)) > 0) {
            selector.selectedKeys().clear();
            ch = server.accept();
        }
        if (ch == null) {
            return null;
        }
        ch.configureBlocking(true);
        return new SocketLink(ch.socket());
    }

    @Override
    public void refuseOthers() throws IOException {
        SocketChannel extra;
        while ((extra = server.accept()) != null) {
            extra.close();
        }
    }

    @Override
    public String describe() {
        return endpoint;
    }

    @Override
    public void close() throws IOException {
        selector.close();
        server.close();
    }
}
