package io.omvcap.replay;

import io.omvcap.archive.ArchiveFormatException;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.PacketView;
import io.omvcap.archive.SessionCursor;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.Topics;
import io.omvcap.mcap.McapFormatException;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.wire.ChannelFlag;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.WireFormat;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Which channels the recorded cam read zero-copy ({@code readp}): the firmware fragments copying
 * reads at {@link WireFormat#COPY_READ_FRAGMENT} bytes, so a CHANNEL_READ answer packet longer than
 * that can only come from a zero-copy channel, and a non-final fragment of at most that size from
 * a copying one (or a cam whose max payload is that small, where both read alike). Looks at the
 * first packets of a recording only, until every script channel that reads is decided (bounded,
 * so opening a huge archive stays fast, and stopping at damage); a channel not read there keeps the
 * replay's default.
 */
final class ZeroCopyReads {
    /** Packets looked at, at most. */
    static final int LOOKAHEAD_PACKETS = 20_000;

    private ZeroCopyReads() {
    }

    /** The names (as {@code facts} lists them) of the channels {@code r}'s cam answered reads of zero-copy. */
    static Set<String> find(SessionReader r, DeviceFacts facts) throws IOException {
        String[] names = new String[WireFormat.MAX_CHANNELS];
        int undecided = 0;
        for (ChannelEntry e : facts.channels()) {
            if (e.id() > BuiltinChannel.STREAM.id() && e.id() < names.length && e.has(ChannelFlag.READ)) {
                names[e.id()] = e.name();
                undecided++;
            }
        }
        Set<String> zeroCopy = new HashSet<>();
        int seen = 0;
        try (SessionCursor c = r.cursor(MessageFilter.ALL.withTopics(Set.of(Topics.PACKETS)))) {
            for (SessionCursor.Kind k; undecided > 0 && seen < LOOKAHEAD_PACKETS && (k = c.next()) != null; ) {
                if (k != SessionCursor.Kind.PACKET) {
                    continue;
                }
                seen++;
                PacketView p = c.packet();
                if (!p.valid() || p.dir() != Direction.CAM_TO_HOST || p.opcode() != Opcode.CHANNEL_READ.code()
                        || p.has(Flag.NAK) || p.channel() >= names.length || names[p.channel()] == null) {
                    continue;
                }
                if (p.length() > WireFormat.COPY_READ_FRAGMENT) {
                    zeroCopy.add(names[p.channel()]);
                } else if (!p.has(Flag.FRAGMENT)) {
                    continue; // a short last fragment says nothing
                }
                names[p.channel()] = null;
                undecided--;
            }
        } catch (McapFormatException | ArchiveFormatException e) {
            // damage: what came before it decided what it could; serving reports the damage where it is
        }
        return zeroCopy;
    }
}
