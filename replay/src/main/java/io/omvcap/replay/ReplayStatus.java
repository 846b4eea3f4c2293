package io.omvcap.replay;

/**
 * A snapshot of a running replay, for a live status line.
 *
 * @param endpoint    where hosts connect
 * @param host        the attached host, or null
 * @param requests    host requests processed
 * @param served      payloads served
 * @param divergences strict-mode divergences
 * @param faults      faults injected
 * @param finished    every recorded payload was served
 * @param running     false once serving stopped
 * @param failure     why serving stopped on its own, or null
 */
public record ReplayStatus(String endpoint, String host, long requests, long served, long divergences, long faults,
        boolean finished, boolean running, String failure) {
    /** One line, e.g. {@code /tmp/omvcam -> /dev/pts/4 host attached | 120 requests | 54 payloads | 0 divergences}. */
    public String line() {
        return endpoint + (host == null ? " waiting for a host" : " host attached") + " | " + requests + " requests | "
                + served + " payloads served" + (divergences > 0 ? " | " + divergences + " DIVERGENCES" : "")
                + (faults > 0 ? " | " + faults + " faults" : "") + (finished ? " | recording finished" : "")
                + (failure != null ? " | FAILED: " + failure : running ? "" : " | stopped");
    }
}
