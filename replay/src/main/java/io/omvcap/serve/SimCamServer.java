package io.omvcap.serve;

import io.omvcap.link.ByteLink;
import io.omvcap.sim.SimCam;
import io.omvcap.sim.SimConfig;
import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;

/**
 * Entry point for serving a simulated cam: pick a {@link SimConfig} and a {@link ServeTarget},
 * get a running server. Example:
 *
 * <pre>{@code
 * try (SimCamServer cam = SimCamServer.start(SimConfig.builder().build(),
 *         new ServeTarget.Pty(Path.of("/tmp/omvcam")), s -> System.err.print("\r" + s.line()), 1000)) {
 *     System.out.println(cam.endpoint());   // /tmp/omvcam -> /dev/pts/5
 *     ...
 * }
 * }</pre>
 */
public final class SimCamServer implements Closeable {
    private final CamTransport transport;
    private final CamServer server;

    private SimCamServer(CamTransport transport, CamServer server) {
        this.transport = transport;
        this.server = server;
    }

    /**
     * Starts a simulated cam on {@code target}.
     *
     * @param statusIntervalMs how often {@code listener} gets a snapshot besides connects and
     *                         disconnects (≤ 0: only those)
     */
    public static SimCamServer start(SimConfig config, ServeTarget target, StatusListener listener,
            long statusIntervalMs) throws IOException {
        Objects.requireNonNull(config, "config");
        CamTransport transport;
        if (Objects.requireNonNull(target, "target") instanceof ServeTarget.Pty p) {
            transport = new PtyTransport(p.symlink());
        } else if (target instanceof ServeTarget.Tcp t) {
            transport = new TcpTransport(t.host(), t.port());
        } else {
            transport = new PipeTransport("sim:in-process");
        }
        try {
            CamServer server = new CamServer(transport, (clock, out) -> new SimCam(config, clock, out).engine(),
                    listener == null ? StatusListener.NONE : listener, statusIntervalMs);
            return new SimCamServer(transport, server);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** Starts an in-process simulated cam; talk to it through {@link #hostLink()}. */
    public static SimCamServer inProcess(SimConfig config) throws IOException {
        return start(config, new ServeTarget.InProcess(), StatusListener.NONE, 0);
    }

    /** Parses a TCP target {@code HOST:PORT} or {@code PORT}. */
    public static ServeTarget.Tcp tcpTarget(String spec) {
        return ServeTarget.parseTcp(spec);
    }

    /** Where hosts connect: the pty slave (and symlink), {@code tcp://host:port}, or the pipe name. */
    public String endpoint() {
        return server.endpoint();
    }

    /** The pty slave path a host opens (pty targets only). */
    public String slavePath() {
        if (transport instanceof PtyTransport p) {
            return p.pty().slavePath();
        }
        throw new IllegalStateException("not a pty target");
    }

    /** The TCP port bound (TCP targets only). */
    public int tcpPort() throws IOException {
        if (transport instanceof TcpTransport t) {
            return t.port();
        }
        throw new IllegalStateException("not a TCP target");
    }

    /** The host end of the in-process pipe (in-process targets only). */
    public ByteLink hostLink() {
        if (transport instanceof PipeTransport p) {
            return p.hostLink();
        }
        throw new IllegalStateException("not an in-process target");
    }

    /** The latest status. */
    public ServerStatus status() {
        return server.status();
    }

    /** The underlying server. */
    public CamServer server() {
        return server;
    }

    /** Stops the cam and releases the transport (removes a pty symlink). */
    @Override
    public void close() throws IOException {
        server.close();
    }
}
