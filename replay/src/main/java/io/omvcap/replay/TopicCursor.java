package io.omvcap.replay;

import io.omvcap.archive.ArchiveFormatException;
import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.PacketView;
import io.omvcap.archive.SessionCursor;
import io.omvcap.archive.SessionReader;
import io.omvcap.mcap.McapFormatException;
import io.omvcap.mcap.MessageFilter;
import java.io.Closeable;
import java.io.IOException;
import java.util.Set;

/**
 * A lazy pass over some topics of a {@link Recording}: file after file (and pass after pass when
 * looping), in time order, with times moved onto the replay time line. Only one file is open at a
 * time and nothing is read ahead beyond the reader's current chunk, so many cursors can run over
 * a large recording side by side. Packets and messages are borrowed until the next call.
 */
final class TopicCursor implements Closeable {
    private final Recording recording;
    private final Set<String> topics;
    private int pass;
    private int part = -1;
    private boolean ended;
    private boolean emptyPass = true;
    private SessionReader reader;
    private SessionCursor cursor;
    private SessionCursor.Kind kind;
    private long time;
    private boolean partChanged;

    /** A cursor over {@code topics} (logical topics, {@code /packets} included). */
    TopicCursor(Recording recording, Set<String> topics) {
        this.recording = recording;
        this.topics = Set.copyOf(topics);
    }

    /**
     * Moves to the next item.
     *
     * @return false at the end of the recording (never, when looping over a non-empty recording)
     * @throws ReplayException when a file is damaged (the message names the file)
     */
    boolean next() throws IOException {
        partChanged = false;
        while (!ended) {
            if (cursor == null && !openNext()) {
                return false;
            }
            SessionCursor.Kind k;
            try {
                k = cursor.next();
            } catch (McapFormatException | ArchiveFormatException e) {
                throw new ReplayException(recording.part(part).file() + ": " + e.getMessage(), e);
            }
            if (k == null) {
                closeCurrent();
                continue;
            }
            long t = switch (k) {
                case PACKET -> cursor.packet().logTime();
                case MESSAGE -> cursor.message().logTime();
                case WIRE -> cursor.wire().logTime();
            };
            kind = k;
            time = t + recording.shift(pass, part);
            emptyPass = false;
            return true;
        }
        return false;
    }

    private boolean openNext() throws IOException {
        part++;
        if (part == recording.size()) {
            if (!recording.loops() || emptyPass) {
                ended = true;
                return false;
            }
            part = 0;
            pass++;
            emptyPass = true;
        }
        Recording.Part p = recording.part(part);
        reader = SessionReader.open(p.file());
        try {
            cursor = reader.cursor(MessageFilter.ALL.withTopics(topics).withTimeRange(p.start(), p.end()));
        } catch (McapFormatException | ArchiveFormatException e) {
            reader.close();
            throw new ReplayException(p.file() + ": " + e.getMessage(), e);
        }
        partChanged = true;
        return true;
    }

    private void closeCurrent() throws IOException {
        try {
            cursor.close();
            reader.close();
        } finally {
            cursor = null;
            reader = null;
        }
    }

    /** What the last {@link #next()} found. */
    SessionCursor.Kind kind() {
        return kind;
    }

    /** Its replay time. */
    long time() {
        return time;
    }

    /** The message found (kind MESSAGE). */
    ArchivedMessage message() {
        return cursor.message();
    }

    /** The packet found (kind PACKET), borrowed. */
    PacketView packet() {
        return cursor.packet();
    }

    /** Which file the item came from. */
    int part() {
        return part;
    }

    /** Which pass (0 unless looping). */
    int pass() {
        return pass;
    }

    /** Whether the last {@link #next()} entered a new file. */
    boolean partChanged() {
        return partChanged;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        if (cursor != null) {
            closeCurrent();
        }
    }
}
