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

    /**
     * Jumps forward to the first item at or after replay time {@code time}, through the files'
     * indexes instead of reading what lies before it.
     */
    void seek(long time) throws IOException {
        if (ended) {
            return;
        }
        if (cursor != null) {
            closeCurrent();
        }
        int n = recording.size();
        int p = pass;
        if (recording.loops() && recording.passLength() > 0) {
            p = (int) Math.max(p, (time - recording.startTime()) / recording.passLength());
        }
        for (int guard = 0; guard < 4; guard++, p++) {
            for (int i = p == pass ? Math.max(part, 0) : 0; i < n; i++) {
                Recording.Part rp = recording.part(i);
                long shift = recording.shift(p, i);
                if (rp.end() + shift >= time) {
                    pass = p;
                    part = i;
                    open(rp, Math.max(rp.start(), time - shift));
                    return;
                }
            }
            if (!recording.loops()) {
                break;
            }
        }
        ended = true;
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
        open(recording.part(part), recording.part(part).start());
        return true;
    }

    private void open(Recording.Part p, long from) throws IOException {
        reader = SessionReader.open(p.file());
        try {
            cursor = reader.cursor(MessageFilter.ALL.withTopics(topics).withTimeRange(from, p.end()));
        } catch (McapFormatException | ArchiveFormatException e) {
            reader.close();
            reader = null;
            throw new ReplayException(p.file() + ": " + e.getMessage(), e);
        }
        partChanged = true;
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
