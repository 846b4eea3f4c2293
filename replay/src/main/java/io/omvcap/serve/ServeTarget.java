package io.omvcap.serve;

import java.nio.file.Path;
import java.util.Objects;

/** How a fake cam is offered to hosts: a pseudo-terminal, a TCP port, or an in-process pipe. */
public sealed interface ServeTarget {
    /**
     * A pseudo-terminal.
     *
     * @param symlink stable path to point at the slave (e.g. {@code /tmp/omvcam}), or null
     */
    record Pty(Path symlink) implements ServeTarget {
    }

    /**
     * A TCP listener.
     *
     * @param host address to bind (use 127.0.0.1 unless remote hosts must connect)
     * @param port port, 0 for any free one
     */
    record Tcp(String host, int port) implements ServeTarget {
        /** Validates the fields. */
        public Tcp {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /** An in-process pipe; the host end comes from {@link SimCamServer#hostLink()}. */
    record InProcess() implements ServeTarget {
    }

    /** Parses {@code HOST:PORT} or {@code PORT} (host 127.0.0.1). */
    static Tcp parseTcp(String spec) {
        int colon = spec.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : spec.substring(0, colon);
        String port = colon < 0 ? spec : spec.substring(colon + 1);
        try {
            return new Tcp(host.isEmpty() ? "127.0.0.1" : host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + spec + "'");
        }
    }
}
