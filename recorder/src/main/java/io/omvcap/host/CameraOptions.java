package io.omvcap.host;

import io.omvcap.payload.Caps;
import io.omvcap.wire.WireFormat;
import java.time.Duration;
import java.util.Objects;

/**
 * What the host asks of the cam and how patient it is. The defaults are the official SDK's: CRC,
 * sequence checks, ACKs and events on, max payload 4096 (the cam's own limit wins when lower), a
 * one-second timeout and three PROTO_SYNC attempts per resync.
 *
 * @param crc          ask for CRC checking
 * @param sequence     ask for sequence checking
 * @param ack          ask for ACK_REQ / retransmission
 * @param events       ask for events
 * @param maxPayload   largest payload the host wants per packet; negotiated down to the cam's limit
 * @param timeout      how long a request may go without progress (a packet of its answer)
 * @param syncAttempts PROTO_SYNC attempts per resync before giving up
 */
public record CameraOptions(boolean crc, boolean sequence, boolean ack, boolean events, int maxPayload,
        Duration timeout, int syncAttempts) {
    /** The SDK's default max payload request. */
    public static final int DEFAULT_MAX_PAYLOAD = 4096;
    /** The SDK's default timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** The SDK's default number of sync attempts. */
    public static final int DEFAULT_SYNC_ATTEMPTS = 3;

    /** Validates the fields. */
    public CameraOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (maxPayload < WireFormat.MIN_PAYLOAD || maxPayload > WireFormat.MAX_LENGTH_FIELD) {
            throw new IllegalArgumentException("max payload must be " + WireFormat.MIN_PAYLOAD + ".."
                    + WireFormat.MAX_LENGTH_FIELD + ", got " + maxPayload);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (syncAttempts < 1) {
            throw new IllegalArgumentException("sync attempts must be at least 1, got " + syncAttempts);
        }
    }

    /** The SDK's defaults. */
    public static CameraOptions defaults() {
        return new CameraOptions(true, true, true, true, DEFAULT_MAX_PAYLOAD, DEFAULT_TIMEOUT, DEFAULT_SYNC_ATTEMPTS);
    }

    /** A copy asking for CRC checking on or off. */
    public CameraOptions withCrc(boolean on) {
        return new CameraOptions(on, sequence, ack, events, maxPayload, timeout, syncAttempts);
    }

    /** A copy asking for sequence checking on or off. */
    public CameraOptions withSequence(boolean on) {
        return new CameraOptions(crc, on, ack, events, maxPayload, timeout, syncAttempts);
    }

    /** A copy asking for ACKs on or off. */
    public CameraOptions withAck(boolean on) {
        return new CameraOptions(crc, sequence, on, events, maxPayload, timeout, syncAttempts);
    }

    /** A copy asking for events on or off. */
    public CameraOptions withEvents(boolean on) {
        return new CameraOptions(crc, sequence, ack, on, maxPayload, timeout, syncAttempts);
    }

    /** A copy asking for another max payload. */
    public CameraOptions withMaxPayload(int bytes) {
        return new CameraOptions(crc, sequence, ack, events, bytes, timeout, syncAttempts);
    }

    /** A copy with another timeout. */
    public CameraOptions withTimeout(Duration t) {
        return new CameraOptions(crc, sequence, ack, events, maxPayload, t, syncAttempts);
    }

    /** A copy with another number of sync attempts. */
    public CameraOptions withSyncAttempts(int attempts) {
        return new CameraOptions(crc, sequence, ack, events, maxPayload, timeout, attempts);
    }

    /** The caps to send in SET_CAPS given what the cam reported. */
    public Caps wish(Caps device) {
        return new Caps(crc, sequence, ack, events, Math.min(device.maxPayload(), maxPayload));
    }
}
