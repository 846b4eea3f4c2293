package io.omvcap.host;

import io.omvcap.payload.ChannelEntry;
import io.omvcap.wire.Opcode;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The cam's channel list as last read, and name resolution against it: the list is read again
 * when events said it changed (once per burst of events, not once per event), and once more
 * before a name is declared unknown.
 */
final class ChannelDirectory {
    private final Listeners listeners;
    private volatile List<ChannelEntry> channels = List.of();

    ChannelDirectory(Listeners listeners) {
        this.listeners = listeners;
    }

    /** The list as last read. */
    List<ChannelEntry> all() {
        return channels;
    }

    /** Reads the list now (CHANNEL_LIST). */
    List<ChannelEntry> list(Session s) throws CameraException {
        List<ChannelEntry> listed = List.copyOf(ChannelEntry.decodeList(s.call(Opcode.CHANNEL_LIST, 0, new byte[0])));
        channels = listed;
        s.markChannelsListed();
        listeners.lifecycle(Lifecycle.CHANNELS, listed.toString());
        return listed;
    }

    /** The list, read again first if events made it stale. */
    List<ChannelEntry> current(Session s) throws CameraException {
        return s.channelsStale() ? list(s) : channels;
    }

    /** The channel called {@code name}. */
    ChannelEntry resolve(Session s, String name) throws CameraException {
        Objects.requireNonNull(name, "channel");
        boolean listed = false;
        if (s.channelsStale()) {
            list(s);
            listed = true;
        }
        ChannelEntry e = find(name);
        if (e == null && !listed) {
            list(s);
            e = find(name);
        }
        if (e == null) {
            throw new NoSuchChannelException(name, "no channel '" + name + "' on the cam (it has: "
                    + channels.stream().map(ChannelEntry::name).collect(Collectors.joining(", ")) + ")");
        }
        return e;
    }

    /** The name of channel {@code id}, or {@code null}. */
    String nameOf(int id) {
        for (ChannelEntry e : channels) {
            if (e.id() == id) {
                return e.name();
            }
        }
        return null;
    }

    private ChannelEntry find(String name) {
        for (ChannelEntry e : channels) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
