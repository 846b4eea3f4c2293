package io.omvcap.tap;

import io.omvcap.link.ByteLink;
import io.omvcap.serve.TcpTransport;
import java.io.IOException;

/**
 * Hosts connect over TCP, one at a time (further connections are closed at once). Hanging up
 * closes the host's connection, and while the cam is away new connections are closed at once;
 * the listener itself stays bound so the port cannot be lost to another program.
 */
final class TcpHostEndpoint implements HostEndpoint {
    private final TcpTransport listener;
    private volatile ByteLink session;
    private volatile boolean down;

    TcpHostEndpoint(String host, int port) throws IOException {
        listener = new TcpTransport(host, port);
    }

    @Override
    public ByteLink awaitHost(int timeoutMillis) throws IOException {
        ByteLink link = listener.accept(timeoutMillis);
        if (link != null && down) {
            link.close();
            return null;
        }
        session = link;
        return link;
    }

    @Override
    public void refuseOthers() throws IOException {
        listener.refuseOthers();
    }

    @Override
    public void hangUp() throws IOException {
        down = true;
        ByteLink s = session;
        session = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void reopen() {
        down = false;
    }

    @Override
    public String describe() {
        return listener.describe();
    }

    @Override
    public void close() throws IOException {
        hangUp();
        listener.close();
    }
}
