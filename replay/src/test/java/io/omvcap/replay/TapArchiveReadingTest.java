package io.omvcap.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omvcap.archive.ChannelData;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionWriter;
import io.omvcap.archive.SessionWriterOptions;
import io.omvcap.payload.ChannelEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What replay takes from a tap-mode archive: a host program closing its end of the link is not the
 * cam hanging up (only the cam's going away, and a disconnect that names no side, are), and a read
 * at the host's own offset keeps that offset (parts that continue it are one payload).
 */
class TapArchiveReadingTest {
    @TempDir
    Path dir;

    private Path tapArchive() throws Exception {
        Path file = dir.resolve("tapped.mcap");
        SessionFacts facts = new SessionFacts("test", "tap", "sim:", 0, SessionClock.startNow(), 0, "", Map.of());
        List<ChannelEntry> channels = List.of(new ChannelEntry(1, 0x06, "stdin"), new ChannelEntry(2, 0x01, "stdout"),
                new ChannelEntry(3, 0x19, "stream"), new ChannelEntry(4, 0x21, "ticks"));
        long t = System.nanoTime();
        try (SessionWriter w = SessionWriter.create(file, SessionWriterOptions.DEFAULTS, facts)) {
            w.lifecycle(t++, LifecycleEvent.of(LifecycleKind.START, "tapping"));
            w.lifecycle(t++, LifecycleEvent.of(LifecycleKind.CONNECT, "host opened", LifecycleEvent.HOST_SIDE));
            w.device(t++, new DeviceFacts(null, null, null, channels));
            w.read(t++, read(0, "0000001234"));
            w.read(t++, read(3, "0001"));
            w.lifecycle(t++, LifecycleEvent.of(LifecycleKind.DISCONNECT, "host closed", LifecycleEvent.HOST_SIDE));
            w.lifecycle(t++, LifecycleEvent.of(LifecycleKind.CONNECT, "host opened", LifecycleEvent.HOST_SIDE));
            w.read(t++, read(0, "0000"));
            w.read(t++, read(4, "001299"));
            w.lifecycle(t++, LifecycleEvent.of(LifecycleKind.DISCONNECT, "lost the cam", LifecycleEvent.CAM_SIDE));
            w.lifecycle(t++, LifecycleEvent.of(LifecycleKind.DISCONNECT, "host hung up", LifecycleEvent.HOST_SIDE));
            w.lifecycle(t++, new LifecycleEvent(LifecycleKind.RECONNECT, "cam back", Map.of(LifecycleEvent.SIDE,
                    LifecycleEvent.CAM_SIDE, "gap_ns", 5L)));
            w.lifecycle(t++, LifecycleEvent.of(LifecycleKind.CONNECT, "host opened", LifecycleEvent.HOST_SIDE));
            w.lifecycle(t++, LifecycleEvent.of(LifecycleKind.DISCONNECT, "host closed", LifecycleEvent.HOST_SIDE));
            w.lifecycle(t++, LifecycleEvent.of(LifecycleKind.CONNECT, "a recorder's link"));
            w.lifecycle(t++, LifecycleEvent.of(LifecycleKind.DISCONNECT, "link lost"));
            w.lifecycle(t, LifecycleEvent.of(LifecycleKind.STOP, "stopped"));
        }
        return file;
    }

    private static ChannelData read(long offset, String text) {
        return new ChannelData(4, "ticks", offset, text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void onlyTheCamGoingAwayIsAHangUp() throws Exception {
        Recording r = Recording.open(List.of(tapArchive()), false, 0, -1L);
        List<String> hangUps = new ArrayList<>();
        try (CueFeed cues = new CueFeed(r)) {
            for (Cue c; (c = cues.next()) != null; ) {
                if (c instanceof Cue.HangUp h) {
                    hangUps.add("+" + (h.time() - r.startTime()));
                }
            }
        }
        assertEquals(List.of("+9", "+15"), hangUps, "the lost cam and the recorder's lost link, not the host leaving");
    }

    @Test
    void readsAtTheHostsOwnOffsetsKeepThem() throws Exception {
        Recording r = Recording.open(List.of(tapArchive()), false, 0, -1L);
        List<String> payloads = new ArrayList<>();
        try (ChannelFeed feed = new ChannelFeed(r, "ticks", 4)) {
            for (Payload p; (p = feed.next()) != null; ) {
                payloads.add(p.offset() + ":" + new String(p.data(), StandardCharsets.US_ASCII));
            }
        }
        assertEquals(List.of("0:0000001234", "3:0001", "0:0000001299"), payloads);
    }
}
