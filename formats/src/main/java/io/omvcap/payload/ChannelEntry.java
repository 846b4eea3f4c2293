package io.omvcap.payload;

import io.omvcap.wire.ChannelFlag;
import io.omvcap.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One CHANNEL_LIST entry: 16 bytes, uint8 id, uint8 flags, 14-byte NUL-terminated name.
 *
 * @param id    channel id
 * @param flags {@link ChannelFlag} bits
 * @param name  channel name, at most {@link #MAX_NAME_LENGTH} bytes on the wire
 */
public record ChannelEntry(int id, int flags, String name) {
    /** Encoded size of one entry. */
    public static final int SIZE = 16;
    /** Name field size on the wire, NUL included. */
    public static final int NAME_FIELD = 14;
    /** Longest name that survives the wire (the field keeps a terminating NUL). */
    public static final int MAX_NAME_LENGTH = NAME_FIELD - 1;

    /** Validates the fields. */
    public ChannelEntry {
        Objects.requireNonNull(name, "name");
        if (id < 0 || id > 0xFF || flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("channel id/flags out of range: " + id + "/" + flags);
        }
    }

    /** Whether {@code flag} is set. */
    public boolean has(ChannelFlag flag) {
        return flag.isSet(flags);
    }

    /** Decodes a CHANNEL_LIST response (a multiple of 16 bytes). */
    public static List<ChannelEntry> decodeList(byte[] p) {
        if (p.length % SIZE != 0) {
            throw new WireFormatException("channel list payload must be a multiple of 16 bytes, got " + p.length);
        }
        List<ChannelEntry> out = new ArrayList<>(p.length / SIZE);
        for (int off = 0; off < p.length; off += SIZE) {
            int nameEnd = off + 2;
            while (nameEnd < off + SIZE && p[nameEnd] != 0) {
                nameEnd++;
            }
            String name = new String(p, off + 2, nameEnd - off - 2, StandardCharsets.UTF_8);
            out.add(new ChannelEntry(p[off] & 0xFF, p[off + 1] & 0xFF, name));
        }
        return out;
    }

    /** Encodes a list of entries as a CHANNEL_LIST response; names are truncated like the firmware does. */
    public static byte[] encodeList(List<ChannelEntry> entries) {
        byte[] p = new byte[entries.size() * SIZE];
        int off = 0;
        for (ChannelEntry e : entries) {
            p[off] = (byte) e.id;
            p[off + 1] = (byte) e.flags;
            byte[] n = e.name.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(n, 0, p, off + 2, Math.min(n.length, MAX_NAME_LENGTH));
            off += SIZE;
        }
        return p;
    }

    @Override
    public String toString() {
        return id + ":" + name + "[" + ChannelFlag.describe(flags) + "]";
    }
}
