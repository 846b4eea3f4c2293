package io.omvcap.serve;

import io.omvcap.link.ByteLink;
import io.omvcap.link.PipeLink;
import java.io.IOException;

/** An in-process pipe: the host end is handed to the caller, the cam end to the server. One session. */
public final class PipeTransport implements CamTransport {
    private final PipeLink host;
    private final PipeLink cam;
    private boolean handedOut;

    /** A new pipe pair named {@code name} (used in link descriptions). */
    public PipeTransport(String name) {
        PipeLink[] pair = PipeLink.pair(name);
        host = pair[0];
        cam = pair[1];
    }

    /** The host's end: what a host client reads and writes. */
    public ByteLink hostLink() {
        return host;
    }

    @Override
    public ByteLink accept(int timeoutMillis) throws IOException {
        if (handedOut) {
            PtyTransport.sleep(timeoutMillis);
            return null;
        }
        handedOut = true;
        return cam;
    }

    @Override
    public boolean takesNextHost() {
        return false; // one session: the next host needs a new pipe
    }

    @Override
    public String describe() {
        return cam.describe();
    }

    @Override
    public void close() {
        cam.close();
    }
}
