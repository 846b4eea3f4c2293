package io.omvcap.device;

/**
 * Transport-side protocol settings that the host cannot negotiate (the firmware's
 * {@code omv_protocol_config_t} beyond the caps).
 *
 * @param rtxRetries      retransmissions of an unacknowledged packet before the protocol resets
 * @param rtxTimeoutMs    first retransmission timeout, doubled after each retransmission
 * @param lockIntervalMs  minimum time between two successful CHANNEL_LOCKs
 * @param pumpBudgetBytes most bytes sent per engine call while no ACK is awaited (keeps the
 *                        server loop responsive when ACKs are off and a response is huge)
 */
public record EngineOptions(int rtxRetries, int rtxTimeoutMs, int lockIntervalMs, int pumpBudgetBytes) {
    /** The firmware defaults: 3 retries, 500 ms, 10 ms; 256 KiB per call. */
    public static final EngineOptions DEFAULT = new EngineOptions(3, 500, 10, 256 * 1024);

    /** Validates the values. */
    public EngineOptions {
        if (rtxRetries < 0 || rtxTimeoutMs <= 0 || lockIntervalMs < 0 || pumpBudgetBytes <= 0) {
            throw new IllegalArgumentException("invalid engine options");
        }
    }
}
