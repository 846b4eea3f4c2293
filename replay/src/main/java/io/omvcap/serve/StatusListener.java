package io.omvcap.serve;

/**
 * Receives status snapshots from a {@link CamServer}: when a host attaches or leaves, periodically,
 * and once when the server stops. Called on the server thread; return quickly.
 */
@FunctionalInterface
public interface StatusListener {
    /** A new snapshot. */
    void onStatus(ServerStatus status);

    /** Ignores everything. */
    StatusListener NONE = s -> {
    };
}
