package io.omvcap.device;

import io.omvcap.payload.ChannelEntry;
import io.omvcap.wire.WireFormat;
import java.util.ArrayList;
import java.util.List;

/** The cam's channel slots 0–31: static channels at fixed ids, dynamic ones at the first free id. */
final class ChannelTable {
    private final Channel[] slots = new Channel[WireFormat.MAX_CHANNELS];

    /** The channel at {@code id}, or null. */
    Channel get(int id) {
        return id >= 0 && id < slots.length ? slots[id] : null;
    }

    void put(Channel channel) {
        slots[channel.id()] = channel;
    }

    /** The first free id from 1, or -1 when all 31 are taken. */
    int firstFreeId() {
        for (int i = 1; i < slots.length; i++) {
            if (slots[i] == null) {
                return i;
            }
        }
        return -1;
    }

    /** The channel named {@code name}, or null. */
    Channel byName(String name) {
        for (Channel c : slots) {
            if (c != null && c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    List<Channel> all() {
        List<Channel> out = new ArrayList<>();
        for (Channel c : slots) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    List<ChannelEntry> entries() {
        List<ChannelEntry> out = new ArrayList<>();
        for (Channel c : slots) {
            if (c != null) {
                out.add(c.entry());
            }
        }
        return out;
    }

    /** CHANNEL_POLL: bit i set when channel i's backend reports data. */
    long pollMask() {
        long mask = 0;
        for (int i = 0; i < slots.length; i++) {
            Channel c = slots[i];
            if (c != null && c.has(BackendCapability.POLL) && c.poll()) {
                mask |= 1L << i;
            }
        }
        return mask;
    }

    /** Drops every dynamic channel (soft reboot; no UNREGISTERED event, as in the firmware). */
    void removeDynamic() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null && slots[i].isDynamic()) {
                slots[i] = null;
            }
        }
    }

    /** Releases every host lock (protocol reset). */
    void unlockAll() {
        for (Channel c : slots) {
            if (c != null && c.has(BackendCapability.UNLOCK)) {
                c.unlock();
            }
        }
    }
}
