package io.omvcap.mcap;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Supplies the Channel record (and the Schema it refers to) for messages whose own Channel record
 * was lost with a corrupt chunk, so {@link McapRecovery} can keep them instead of dropping them.
 */
@FunctionalInterface
public interface ChannelRebuilder {
    /**
     * A channel with id {@code channelId}, judged from its first surviving {@code message}; null
     * when it cannot be rebuilt (the channel's messages are then dropped).
     */
    Rebuilt rebuild(int channelId, Message message);

    /**
     * A rebuilt channel.
     *
     * @param channel the channel record, with the lost channel's id
     * @param schema  the schema it refers to, or null for none (then {@code channel.schemaId()} is 0)
     * @param source  where it came from, for the recovery report (e.g. "the input's summary")
     */
    record Rebuilt(Channel channel, Schema schema, String source) {
    }

    /** Rebuilds nothing. */
    ChannelRebuilder NONE = (id, message) -> null;

    /** This rebuilder, and {@code next} for the channels it cannot rebuild. */
    default ChannelRebuilder orElse(ChannelRebuilder next) {
        return (id, message) -> {
            Rebuilt r = rebuild(id, message);
            return r != null ? r : next.rebuild(id, message);
        };
    }

    /**
     * The channels and schemas of {@code file}'s summary, when it has a readable one (a finished
     * file whose data section is damaged); {@link #NONE} otherwise.
     */
    static ChannelRebuilder fromSummary(Path file) {
        Map<Integer, Channel> channels;
        Map<Integer, Schema> schemas;
        try (McapIndexedReader r = McapIndexedReader.open(FileChannel.open(file, StandardOpenOption.READ),
                McapReadOptions.DEFAULT.withValidateCrcs(false))) {
            channels = Map.copyOf(r.channels());
            schemas = Map.copyOf(r.schemas());
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
        return (id, message) -> {
            Channel c = channels.get(id);
            if (c == null || (c.schemaId() != 0 && !schemas.containsKey(c.schemaId()))) {
                return null;
            }
            return new Rebuilt(c, c.schemaId() == 0 ? null : schemas.get(c.schemaId()), "the input's summary");
        };
    }
}
