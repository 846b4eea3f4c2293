package io.omvcap.archive;

import io.omvcap.payload.BuiltinChannel;
import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryFormatException;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides which topic a channel's reads belong to (docs/archive-format.md): stdout text, frames
 * (the stream channel, or reads that are JPEG/PNG images), CBOR telemetry (reads that decode as
 * telemetry), or plain reads. A channel's class is fixed by its first non-empty read and forgotten
 * on {@link #reset()} (after a re-list, ids may be reused by other channels).
 */
public final class ChannelClassifier {
    /** What a channel's reads are. */
    public enum Kind {
        /** Script output text. */
        STDOUT,
        /** Stream channel: 32-byte frame header + image. */
        STREAM_FRAME,
        /** Encoded images (JPEG/PNG) from a custom channel. */
        IMAGE,
        /** CBOR telemetry. */
        TELEMETRY,
        /** Anything else. */
        RAW
    }

    private final Map<String, Kind> known = new HashMap<>();

    /** The kind of a read of {@code data} on channel {@code channelId} named {@code name}. */
    public Kind classify(int channelId, String name, byte[] data) {
        if (channelId == BuiltinChannel.STDOUT.id()) {
            return Kind.STDOUT;
        }
        if (channelId == BuiltinChannel.STREAM.id()) {
            return Kind.STREAM_FRAME;
        }
        String key = channelId + ":" + name;
        Kind k = known.get(key);
        if (k != null) {
            if (k == Kind.IMAGE && !ImageProbe.isJpeg(data) && !ImageProbe.isPng(data)) {
                return Kind.RAW;
            }
            return k;
        }
        if (data.length == 0) {
            return Kind.RAW;
        }
        k = guess(data);
        known.put(key, k);
        return k;
    }

    /** Forgets every channel (after a soft reboot or re-list). */
    public void reset() {
        known.clear();
    }

    private static Kind guess(byte[] data) {
        if (ImageProbe.isJpeg(data) || ImageProbe.isPng(data)) {
            return Kind.IMAGE;
        }
        int first = data[0] & 0xFF;
        boolean cborArray = first >= 0x80 && first <= 0x9F;
        if (cborArray) {
            try {
                TelemetryCodec.decode(data);
                return Kind.TELEMETRY;
            } catch (TelemetryFormatException e) {
                return Kind.RAW;
            }
        }
        return Kind.RAW;
    }
}
