package io.omvcap.replay;

/** What strict replay does with a request that diverges from the recording. */
public enum DivergencePolicy {
    /** Answer it with NAK FAILED and carry on. */
    NAK,
    /** End the session: hang up on the host and stop serving. */
    END
}
