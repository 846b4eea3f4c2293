package io.omvcap.mcap;

/**
 * When {@link McapWriter} asks the operating system to put written bytes on the disk. Every closed
 * chunk is handed to the OS at once whatever the policy, so a killed process loses at most the
 * open chunk; fsync additionally protects against power loss and OS crashes.
 */
public enum FsyncPolicy {
    /** fsync after every chunk and at close. */
    PER_CHUNK,
    /** fsync when a chunk closes (or {@link McapWriter#flushIfDue} runs) and the interval has passed, and at close. */
    INTERVAL,
    /** Never fsync, not even at close. */
    OFF
}
