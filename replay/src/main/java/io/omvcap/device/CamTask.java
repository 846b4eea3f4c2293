package io.omvcap.device;

/**
 * Work the cam does outside request handling: the script's main loop, periodic channel
 * notifications. The engine runs its tasks on every tick while it is not busy sending (a
 * firmware blocked in a send runs no script code) and as soon as the host's ACK frees the link,
 * before the next request is taken; so a task decides itself whether it is due.
 */
@FunctionalInterface
public interface CamTask {
    /** Runs whatever is due at {@code nowMillis}. */
    void run(long nowMillis);
}
