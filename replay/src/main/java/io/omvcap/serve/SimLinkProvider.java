package io.omvcap.serve;

import io.omvcap.link.ByteLink;
import io.omvcap.link.LinkProvider;
import io.omvcap.sim.SimSpec;
import java.io.IOException;

/**
 * Provides {@code sim:} links: each open boots a fresh in-process simulated cam (settings from the
 * spec, see {@link SimSpec}); closing the link shuts that cam down. Registered through
 * {@code META-INF/services}, so any host code that opens links by spec can use {@code sim:}.
 */
public final class SimLinkProvider implements LinkProvider {
    @Override
    public String scheme() {
        return "sim";
    }

    @Override
    public ByteLink open(String spec) throws IOException {
        SimCamServer server;
        try {
            server = SimCamServer.inProcess(SimSpec.parse(spec));
        } catch (IllegalArgumentException e) {
            throw new IOException(spec + ": " + e.getMessage(), e);
        }
        ByteLink host = server.hostLink();
        return new ByteLink() {
            @Override
            public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
                return host.read(buf, off, len, timeoutMillis);
            }

            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                host.write(buf, off, len);
            }

            @Override
            public boolean isOpen() {
                return host.isOpen();
            }

            @Override
            public String describe() {
                return spec.equals("sim") ? "sim:" : spec;
            }

            @Override
            public void close() throws IOException {
                try {
                    host.close();
                } finally {
                    server.close();
                }
            }
        };
    }
}
