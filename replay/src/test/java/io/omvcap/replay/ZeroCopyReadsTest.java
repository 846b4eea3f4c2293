package io.omvcap.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.SessionWriter;
import io.omvcap.archive.SessionWriterOptions;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.wire.ChannelFlag;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketEncoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which recorded channels the replay reads zero-copy, from the fragment sizes the cam answered with. */
class ZeroCopyReadsTest {
    private static final int READ_DYNAMIC = ChannelFlag.READ.mask() | ChannelFlag.DYNAMIC.mask();

    @TempDir
    Path dir;

    @Test
    void fragmentsLongerThanACopyingReadMeanZeroCopyAndCopySizedOnesDoNot() throws Exception {
        Path file = dir.resolve("reads.mcap");
        List<ChannelEntry> channels = List.of(new ChannelEntry(1, 0x06, "stdin"), new ChannelEntry(2, 0x01, "stdout"),
                new ChannelEntry(3, 0x19, "stream"), new ChannelEntry(4, READ_DYNAMIC, "blob"),
                new ChannelEntry(5, READ_DYNAMIC, "text"), new ChannelEntry(6, READ_DYNAMIC, "short"),
                new ChannelEntry(7, READ_DYNAMIC, "never"));
        DeviceFacts facts = new DeviceFacts(null, null, null, channels);
        long t = System.nanoTime();
        try (SessionWriter w = SessionWriter.create(file, SessionWriterOptions.DEFAULTS,
                new SessionFacts("test", "record", "sim:", 0, SessionClock.startNow(), 0, "", Map.of()))) {
            w.lifecycle(t++, LifecycleEvent.of(LifecycleKind.START, "recording"));
            w.device(t++, facts);
            int seq = 0;
            seq = answer(w, t++, seq, 4, Flag.FRAGMENT.mask(), 2000);
            seq = answer(w, t++, seq, 4, 0, 100);
            seq = answer(w, t++, seq, 5, Flag.FRAGMENT.mask(), 512);
            seq = answer(w, t++, seq, 5, 0, 10);
            answer(w, t++, seq, 6, 0, 40);
            w.lifecycle(t, LifecycleEvent.of(LifecycleKind.STOP, "stopped"));
        }
        try (SessionReader r = SessionReader.open(file)) {
            assertEquals(Set.of("blob"), ZeroCopyReads.find(r, facts));
        }
        Recording recording = Recording.open(List.of(file), false, 0, -1);
        assertTrue(recording.readsZeroCopy("blob"), "2000-byte fragments: read zero-copy");
        assertFalse(recording.readsZeroCopy("text"), "512-byte fragments: a copying read");
        assertFalse(recording.readsZeroCopy("short"), "a short answer says nothing: the default");
        assertFalse(recording.readsZeroCopy("never"));
    }

    /** Writes one CHANNEL_READ answer packet from the cam; returns the next sequence number. */
    private static int answer(SessionWriter w, long t, int seq, int channel, int flags, int length) throws Exception {
        byte[] bytes = PacketEncoder.encode(Packet.of(seq, channel, flags | Flag.ACK_REQ.mask(), Opcode.CHANNEL_READ,
                new byte[length]), true);
        w.wire(Direction.CAM_TO_HOST, t, bytes, 0, bytes.length);
        return (seq + 1) & 0xFF;
    }
}
