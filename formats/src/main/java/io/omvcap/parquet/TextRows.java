package io.omvcap.parquet;

import io.omvcap.archive.ArchiveCodec;
import io.omvcap.archive.EventRecord;
import io.omvcap.archive.LifecycleEvent;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fills {@code stdout} (one row per line), {@code events} and {@code lifecycle}. */
final class TextRows {
    private TextRows() {
    }

    /**
     * Script output split into lines: a line's time is when the read that completed it arrived; a
     * last line without a newline is written at the end of the session.
     */
    static final class Stdout {
        private final TableSchema s = Schemas.STDOUT;
        private final int lineIndex = s.require("line_index");
        private final int text = s.require("text");
        private final TableOutput out;
        private final Row row;
        private final StringBuilder pending = new StringBuilder();
        private long pendingTime;
        private long lines;

        Stdout(TableOutput out) throws IOException {
            this.out = out;
            this.row = out.open(s, null);
        }

        void add(long time, String chunk) throws IOException {
            int start = 0;
            for (int nl; (nl = chunk.indexOf('\n', start)) >= 0; start = nl + 1) {
                pending.append(chunk, start, nl);
                emit(time);
            }
            if (start < chunk.length()) {
                pending.append(chunk, start, chunk.length());
                pendingTime = time;
            }
        }

        /** Writes a last unterminated line. */
        void finish() throws IOException {
            if (pending.length() > 0) {
                emit(pendingTime);
            }
        }

        /** Lines written. */
        long lines() {
            return lines;
        }

        private void emit(long time) throws IOException {
            int end = pending.length();
            if (end > 0 && pending.charAt(end - 1) == '\r') {
                end--;
            }
            row.start(time).set(lineIndex, lines++).set(text, pending.substring(0, end));
            pending.setLength(0);
            out.write(row);
        }
    }

    /** Events from the cam. */
    static final class Events {
        private final TableSchema s = Schemas.EVENTS;
        private final int channelId = s.require("channel_id");
        private final int channel = s.require("channel");
        private final int kind = s.require("kind");
        private final int code = s.require("code");
        private final int name = s.require("name");
        private final TableOutput out;
        private final Row row;
        private final ChannelNames names;

        Events(TableOutput out, ChannelNames names) throws IOException {
            this.out = out;
            this.names = names;
            this.row = out.open(s, null);
        }

        void add(long time, EventRecord e) throws IOException {
            String ch = e.channel() != null ? e.channel() : names.name(e.channelId());
            row.start(time).set(channelId, e.channelId()).set(channel, ch).set(kind, e.kind()).set(code, e.code())
                    .set(name, e.name());
            out.write(row);
        }
    }

    /** The recorder's lifecycle events. */
    static final class Lifecycle {
        private final TableSchema s = Schemas.LIFECYCLE;
        private final int kind = s.require("kind");
        private final int detail = s.require("detail");
        private final int gapNs = s.require("gap_ns");
        private final int nextFile = s.require("next_file");
        private final int extra = s.require("extra");
        private final TableOutput out;
        private final Row row;

        Lifecycle(TableOutput out) throws IOException {
            this.out = out;
            this.row = out.open(s, null);
        }

        void add(long time, LifecycleEvent e) throws IOException {
            row.start(time).set(kind, e.kind().wireName()).set(detail, e.detail());
            Map<String, Object> rest = new LinkedHashMap<>(e.extra());
            if (rest.remove("gap_ns") instanceof Number n) {
                row.set(gapNs, n.longValue());
            }
            if (rest.remove("next_file") instanceof String f) {
                row.set(nextFile, f);
            }
            if (!rest.isEmpty()) {
                row.set(extra, ArchiveCodec.jsonText(rest));
            }
            out.write(row);
        }
    }
}
