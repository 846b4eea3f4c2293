package io.omvcap.wire;

/** Why a framed packet was rejected. */
public enum InvalidReason {
    /** The header CRC16 did not match; the decoder drops one byte and rescans, like the firmware. */
    BAD_HEADER_CRC,
    /** The header was valid but its length exceeds the configured max payload; one byte is dropped. */
    OVERSIZE,
    /** Header valid, payload CRC32 wrong; the whole packet is consumed. */
    BAD_PAYLOAD_CRC,
    /** The packet was cut short: a new valid header starts inside it, or the stream ended. */
    TRUNCATED
}
