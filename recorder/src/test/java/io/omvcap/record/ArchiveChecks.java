package io.omvcap.record;

import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.MessageSource;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.Topics;
import io.omvcap.mcap.MessageFilter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reading helpers for recorder and tap tests. */
public final class ArchiveChecks {
    private ArchiveChecks() {
    }

    /** The messages of {@code topics} (every topic when none is given), in time order. */
    public static List<ArchivedMessage> messages(Path file, String... topics) throws IOException {
        List<ArchivedMessage> out = new ArrayList<>();
        try (SessionReader r = SessionReader.open(file)) {
            MessageFilter f = topics.length == 0 ? MessageFilter.ALL : MessageFilter.ALL.withTopics(Set.of(topics));
            MessageSource s = r.messages(f);
            for (ArchivedMessage m; (m = s.next()) != null; ) {
                out.add(m);
            }
        }
        return out;
    }

    /** The messages' data joined. */
    public static byte[] concat(List<ArchivedMessage> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ArchivedMessage m : messages) {
            out.writeBytes(m.data());
        }
        return out.toByteArray();
    }

    /** The lifecycle events. */
    public static List<LifecycleEvent> lifecycle(Path file) throws IOException {
        return messages(file, Topics.SESSION).stream().map(m -> LifecycleEvent.fromMap(m.decodeMap())).toList();
    }
}
