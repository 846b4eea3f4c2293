package io.omvcap.replay;

import io.omvcap.archive.DeviceFacts;
import io.omvcap.device.CamFirmware;
import io.omvcap.device.Channel;
import io.omvcap.device.ChannelBackend;
import io.omvcap.device.ProtocolEngine;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.wire.ChannelFlag;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replayed cam's channels: registers them as the recording listed them (ids, names, flags
 * exactly), keeps one {@link Player} per channel name, and forwards the engine's news to them.
 */
final class ChannelRoster implements Closeable {
    private final Recording recording;
    private final CamFirmware firmware;
    private final ProtocolEngine engine;
    private final ReplayStats stats;
    private final boolean max;
    private final Map<String, Player> players = new LinkedHashMap<>();
    private final Player[] byId = new Player[32];

    ChannelRoster(Recording recording, CamFirmware firmware, ReplayStats stats, boolean max) {
        this.recording = recording;
        this.firmware = firmware;
        this.engine = firmware.engine();
        this.stats = stats;
        this.max = max;
    }

    /**
     * The cam at the start: built-in channels as recorded, and the script channels listed in
     * {@code facts} except the last {@code announcedLater}, which the recording shows being
     * registered (they are registered with events when their cues come).
     */
    void start(DeviceFacts facts, int announcedLater) {
        for (ChannelEntry e : facts.channels()) {
            if (!e.has(ChannelFlag.DYNAMIC)) {
                staticChannel(e);
            }
        }
        for (int id : new int[] {BuiltinChannel.STDOUT.id(), BuiltinChannel.STREAM.id()}) {
            Channel c = engine.channel(id);
            if (c != null && byId[id] == null) {
                Player p = player(c.name(), id);
                byId[id] = p;
            }
        }
        registerAll(initialChannels(facts, announcedLater));
    }

    private void staticChannel(ChannelEntry e) {
        int id = e.id();
        Channel c = engine.channel(id);
        boolean firmwareChannel = id <= BuiltinChannel.STREAM.id();
        if (firmwareChannel) {
            if (c == null || !c.name().equals(e.name()) || c.flags() != e.flags()) {
                ChannelBackend b = switch (id) {
                    case 1 -> firmware.stdin();
                    case 2 -> firmware.stdout();
                    case 3 -> firmware.stream();
                    default -> new ChannelBackend() {
                    };
                };
                engine.registerStatic(id, e.name(), e.flags(), b);
            }
            if (id == BuiltinChannel.STDOUT.id() || id == BuiltinChannel.STREAM.id()) {
                byId[id] = player(e.name(), id);
            }
            return;
        }
        register(e, false);
    }

    /** The channels a session starts with: {@code facts}' list minus its last {@code announced} script channels. */
    ChannelEntry[] initialChannels(DeviceFacts facts, int announced) {
        List<ChannelEntry> dynamic = new ArrayList<>();
        List<ChannelEntry> out = new ArrayList<>();
        for (ChannelEntry e : facts.channels()) {
            (e.has(ChannelFlag.DYNAMIC) ? dynamic : out).add(e);
        }
        dynamic.sort(Comparator.comparingInt(ChannelEntry::id));
        out.addAll(dynamic.subList(0, Math.max(0, dynamic.size() - announced)));
        return out.toArray(new ChannelEntry[0]);
    }

    /**
     * Whether the cam can go on into a session that starts with {@code target}: each of its script
     * channels is there (same id, name and flags). Channels the cam has beyond them are those the
     * session registers later, which then finds them present.
     */
    boolean compatible(ChannelEntry[] target) {
        for (ChannelEntry e : target) {
            if (e.has(ChannelFlag.DYNAMIC) && !present(e)) {
                return false;
            }
        }
        return true;
    }

    /** Registers every script channel of {@code target} that the cam lacks, without events. */
    void registerAll(ChannelEntry[] target) {
        for (ChannelEntry e : target) {
            if (e.has(ChannelFlag.DYNAMIC) && !present(e)) {
                register(e, false);
            }
        }
    }

    /** Registers script channels listed in {@code facts} that the cam lacks, without events. */
    void registerMissing(DeviceFacts facts) {
        registerAll(facts.channels().toArray(new ChannelEntry[0]));
    }

    /** A recorded CHANNEL_REGISTERED: registers the lowest-id channel of {@code facts} the cam lacks, with its event. */
    void registerNext(DeviceFacts facts) {
        facts.channels().stream().filter(e -> e.has(ChannelFlag.DYNAMIC) && !present(e))
                .min(Comparator.comparingInt(ChannelEntry::id)).ifPresent(e -> {
                    register(e, true);
                    stats.registration();
                });
    }

    private boolean present(ChannelEntry e) {
        Channel c = engine.channel(e.id());
        return c != null && c.name().equals(e.name()) && c.flags() == e.flags();
    }

    private void register(ChannelEntry e, boolean announce) {
        Player old = byId[e.id()];
        if (old != null && !old.name().equals(e.name())) {
            old.detachDynamic();
        }
        RecordedChannel backend = new RecordedChannel();
        engine.registerAt(e.id(), e.name(), e.flags(), backend,
                RecordedChannel.capabilities(e, recording.readsZeroCopy(e.name())), announce);
        Player p = player(e.name(), -1);
        p.attach(e.id(), backend, e.has(ChannelFlag.DYNAMIC));
        byId[e.id()] = p;
    }

    private Player player(String name, int builtinId) {
        return players.computeIfAbsent(name, n -> new Player(n, builtinId, new ChannelFeed(recording, n,
                builtinId), firmware, stats, max));
    }

    /**
     * A boundary was crossed at {@code time}; {@code channelsGone} when the cam's script channels
     * vanished with it (soft reboot, reset).
     */
    void boundary(long time, boolean channelsGone) {
        for (Player p : players.values()) {
            if (channelsGone) {
                p.detachDynamic();
            }
            p.boundary(time);
        }
        if (channelsGone) {
            for (int i = 0; i < byId.length; i++) {
                if (byId[i] != null && byId[i].id() < 0) {
                    byId[i] = null;
                }
            }
        }
    }

    /** A recorded channel event, queued on its channel's player. */
    void event(Cue.ChannelEvent e) {
        Player p = e.channel() != null ? players.get(e.channel()) : null;
        if (p == null && e.channelId() >= 0 && e.channelId() < byId.length) {
            p = byId[e.channelId()];
        }
        if (p != null) {
            p.event(e);
        }
    }

    /** The name of channel {@code id} now, or null. */
    String nameOf(int id) {
        Channel c = engine.channel(id);
        return c == null ? null : c.name();
    }

    void readRequested(int id, long offset, long length) {
        Player p = at(id);
        if (p != null) {
            p.readRequested(offset, length);
        }
    }

    void delivered(int id, int opcode, boolean nak) {
        Player p = at(id);
        if (p != null) {
            p.delivered(opcode, nak);
        }
    }

    /** Whether any channel consumed a payload since the last call. */
    boolean takeConsumed() {
        boolean any = false;
        for (Player p : players.values()) {
            any |= p.takeConsumed();
        }
        return any;
    }

    /** Moves every channel on as far as {@code limit} allows; true when anything changed. */
    boolean advance(long limit) throws IOException {
        boolean changed = false;
        for (Player p : players.values()) {
            changed |= p.advance(limit);
        }
        return changed;
    }

    /** Whether a channel still has a payload recorded before {@code time} to serve. */
    boolean pendingBefore(long time) throws IOException {
        for (Player p : players.values()) {
            if (p.pendingBefore(time)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every channel served everything. */
    boolean done() throws IOException {
        for (Player p : players.values()) {
            if (p.id() >= 0 && !p.done()) {
                return false;
            }
        }
        return true;
    }

    /** Counts payloads left unserved. */
    void countLeftovers() throws IOException {
        for (Player p : players.values()) {
            p.countLeftover();
        }
    }

    /** Damaged records the channel feeds skipped. */
    long damaged() {
        return players.values().stream().mapToLong(Player::damaged).sum();
    }

    private Player at(int id) {
        return id >= 0 && id < byId.length ? byId[id] : null;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Player p : players.values()) {
            try {
                p.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
