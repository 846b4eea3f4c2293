package io.omvcap.replay;

import io.omvcap.link.ByteLink;
import io.omvcap.serve.CamTransport;
import io.omvcap.serve.PipeTransport;
import io.omvcap.serve.PtyTransport;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.TcpTransport;
import java.io.Closeable;
import java.io.IOException;

/**
 * Where hosts reach a replayed cam, across hang-ups: a TCP listener stays; a pseudo-terminal is
 * replaced by a new one behind the same symlink (as a replugged USB cam comes back under the same
 * name); an in-process pipe is replaced by a new pair whose host end {@link #hostLink()} returns.
 * A pseudo-terminal tells each host's open and close apart, so hosts that come and go themselves
 * keep the same one.
 */
final class Connector implements Closeable {
    private final ServeTarget target;
    private volatile CamTransport transport;

    Connector(ServeTarget target) throws IOException {
        this.target = target;
        this.transport = open();
    }

    private CamTransport open() throws IOException {
        if (target instanceof ServeTarget.Pty p) {
            return PtyTransport.sessions(p.symlink());
        }
        if (target instanceof ServeTarget.Tcp t) {
            return new TcpTransport(t.host(), t.port());
        }
        return new PipeTransport("replay:in-process");
    }

    /** The transport hosts connect through now. */
    CamTransport transport() {
        return transport;
    }

    /** After a hang-up: a fresh pseudo-terminal or pipe (TCP keeps listening). */
    void rearm() throws IOException {
        if (transport instanceof TcpTransport) {
            return;
        }
        CamTransport old = transport;
        transport = open();
        old.close();
    }

    /** Where hosts connect. */
    String endpoint() {
        return transport.describe();
    }

    /** The host end of the current in-process pipe. */
    ByteLink hostLink() {
        if (transport instanceof PipeTransport p) {
            return p.hostLink();
        }
        throw new IllegalStateException("not an in-process replay");
    }

    /** The pty slave path (pty targets). */
    String slavePath() {
        if (transport instanceof PtyTransport p) {
            return p.pty().slavePath();
        }
        throw new IllegalStateException("not a pty replay");
    }

    /** The TCP port (TCP targets). */
    int tcpPort() throws IOException {
        if (transport instanceof TcpTransport t) {
            return t.port();
        }
        throw new IllegalStateException("not a TCP replay");
    }

    @Override
    public void close() throws IOException {
        transport.close();
    }
}
