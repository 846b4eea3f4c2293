package io.omvcap.replay;

/** How a replayed cam treats the host's requests. */
public enum ReplayMode {
    /**
     * Answers any well-formed request from a model of the recorded cam: each channel serves its
     * recorded payloads in order, the next one once the host has consumed the previous one.
     */
    MODEL,
    /**
     * Like {@link #MODEL}, and the host's requests must match the recorded host's requests in
     * order (see {@link RequestCanon}); the first divergence is reported.
     */
    STRICT
}
