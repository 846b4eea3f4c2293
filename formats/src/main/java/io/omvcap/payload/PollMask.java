package io.omvcap.payload;

import io.omvcap.wire.WireFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * CHANNEL_POLL response: a uint32 mask, bit i set when channel i has data ready.
 *
 * @param bits the mask as an unsigned value
 */
public record PollMask(long bits) {
    /** Encoded size. */
    public static final int SIZE = 4;

    /** Decodes a 4-byte poll response. */
    public static PollMask decode(byte[] p) {
        Bytes.requireSize("poll", p, SIZE);
        return new PollMask(WireFormat.u32(p, 0));
    }

    /** A mask with the given channel ids set. */
    public static PollMask of(int... channelIds) {
        long bits = 0;
        for (int id : channelIds) {
            bits |= 1L << id;
        }
        return new PollMask(bits);
    }

    /** Whether channel {@code id} is ready. */
    public boolean isReady(int id) {
        return id >= 0 && id < WireFormat.MAX_CHANNELS && (bits & (1L << id)) != 0;
    }

    /** Ids of the ready channels, ascending. */
    public List<Integer> readyChannels() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < WireFormat.MAX_CHANNELS; i++) {
            if (isReady(i)) {
                ids.add(i);
            }
        }
        return ids;
    }

    /** Encodes to 4 bytes. */
    public byte[] encode() {
        byte[] p = new byte[SIZE];
        WireFormat.putU32(p, 0, bits);
        return p;
    }
}
