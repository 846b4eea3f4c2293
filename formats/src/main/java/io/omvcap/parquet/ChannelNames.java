package io.omvcap.parquet;

import io.omvcap.archive.ChannelTopic;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.Topics;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.ChannelEntry;
import java.util.HashMap;
import java.util.Map;

/**
 * The cam's channel names by id, as of the latest device facts of the pass (ids can be reused
 * after a re-list), and the id and device name behind a channel topic's name.
 */
final class ChannelNames {
    private final String[] byId = new String[256];
    private final Map<String, ChannelEntry> byTopicName = new HashMap<>();

    ChannelNames() {
        // the fixed ids; PROFILE's id is a dynamic channel's on most firmware, so it waits for the list
        for (BuiltinChannel b : new BuiltinChannel[] {BuiltinChannel.TRANSPORT, BuiltinChannel.STDIN,
                BuiltinChannel.STDOUT, BuiltinChannel.STREAM}) {
            byId[b.id()] = b.wireName();
        }
    }

    /** Takes the channel list of new device facts. */
    void update(DeviceFacts facts) {
        if (facts == null) {
            return;
        }
        for (ChannelEntry e : facts.channels()) {
            byId[e.id() & 0xFF] = e.name();
            String topic = Topics.channel(e.name(), ChannelTopic.READ);
            byTopicName.put(Topics.channelOf(topic), e);
        }
    }

    /** The name of channel {@code id}, or {@code null} when not known (or {@code id} is -1). */
    String name(int id) {
        return id < 0 || id > 255 ? null : byId[id];
    }

    /** The device channel whose topics use {@code topicName}, or {@code null}. */
    ChannelEntry ofTopicName(String topicName) {
        return byTopicName.get(topicName);
    }
}
