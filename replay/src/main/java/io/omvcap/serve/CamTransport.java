package io.omvcap.serve;

import io.omvcap.link.ByteLink;
import java.io.Closeable;
import java.io.IOException;

/** The server side of a way hosts reach a fake cam: hands out one host link at a time. */
public interface CamTransport extends Closeable {
    /**
     * Waits up to {@code timeoutMillis} for a host.
     *
     * @return the host's link, or null when none came
     */
    ByteLink accept(int timeoutMillis) throws IOException;

    /**
     * Whether a host counts as present only once it sends something (a pseudo-terminal cannot tell
     * when a program opens it) rather than as soon as {@link #accept} returns its link.
     */
    default boolean presentOnInput() {
        return false;
    }

    /**
     * Whether the next host comes through this same transport after one closed its link (a TCP
     * listener, a pseudo-terminal), rather than through a new one (an in-process pipe).
     */
    default boolean takesNextHost() {
        return true;
    }

    /** Turns away hosts trying to connect while one is attached (one host at a time). */
    default void refuseOthers() throws IOException {
    }

    /** Where hosts connect, e.g. {@code /dev/pts/4} or {@code tcp://127.0.0.1:5555}. */
    String describe();
}
