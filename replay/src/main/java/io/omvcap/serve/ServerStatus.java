package io.omvcap.serve;

import io.omvcap.payload.ProtocolStats;

/**
 * A snapshot of a running fake cam, for a live status line.
 *
 * @param endpoint   where hosts connect
 * @param host       the attached host's link description, or null when none is attached
 * @param bytesIn    bytes received from hosts since the server started
 * @param bytesOut   bytes sent to hosts
 * @param packetsIn  requests the cam processed (its PROTO_STATS received counter)
 * @param packetsOut packets the cam sent: responses, ACK/NAKs and events
 * @param sessions   hosts that attached so far
 * @param stats      the cam's PROTO_STATS counters
 * @param running    false once the server stopped
 * @param failure    why the server stopped on its own, or null
 */
public record ServerStatus(String endpoint, String host, long bytesIn, long bytesOut, long packetsIn, long packetsOut,
        long sessions, ProtocolStats stats, boolean running, String failure) {

    /**
     * One line for a terminal, e.g.
     * {@code tcp://127.0.0.1:5555 host tcp://127.0.0.1:40312 | in 6549 B / 33 pkts | out 20845 B / 51 pkts}.
     */
    public String line() {
        return endpoint + (host == null ? " waiting for a host" : " host " + host) + " | in " + bytesIn + " B / "
                + packetsIn + " pkts | out " + bytesOut + " B / " + packetsOut + " pkts"
                + (failure != null ? " | FAILED: " + failure : running ? "" : " | stopped");
    }
}
