package io.omvcap.record;

/** What the recorder does when free disk space falls below the minimum. */
public enum LowSpacePolicy {
    /** Finish the archive and stop. */
    STOP,
    /** Delete the oldest finished segments of this recording until there is room again. */
    DELETE_OLDEST
}
