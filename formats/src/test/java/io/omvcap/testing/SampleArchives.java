package io.omvcap.testing;

import io.omvcap.archive.ChannelData;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.EventRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.PacketRecord;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionWriter;
import io.omvcap.archive.SessionWriterOptions;
import io.omvcap.mcap.Compression;
import io.omvcap.payload.Caps;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.Event;
import io.omvcap.payload.SysInfo;
import io.omvcap.payload.VersionInfo;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.PacketDecoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Session archives made from the golden transcripts, for tests of readers and commands. */
public final class SampleArchives {
    private SampleArchives() {
    }

    /** Archives a transcript as a host recorder would: wire chunks (packets follow from them), reads, events. */
    public static Path write(Path file, String scenario, Compression compression) throws Exception {
        return write(file, scenario, compression, SessionWriterOptions.DEFAULTS.chunkSize());
    }

    /** Archives a transcript with chunks closed at {@code chunkSize} uncompressed bytes. */
    public static Path write(Path file, String scenario, Compression compression, int chunkSize) throws Exception {
        Transcript t = Transcript.load(scenario);
        SessionClock clock = new SessionClock(1_700_000_000_000_000_000L, 0);
        SessionFacts facts = new SessionFacts("test", "host", "/dev/null", 921600, clock, 0, "", Map.of("site", "lab"));
        try (SessionWriter w = SessionWriter.create(file, new SessionWriterOptions(compression, chunkSize,
                SessionWriterOptions.DEFAULTS.chunkMaxAge(), SessionWriterOptions.DEFAULTS.fsync(), "omvcap test"), facts)) {
            PacketDecoder[] decoders = {new PacketDecoder(), new PacketDecoder()};
            w.lifecycle(0, LifecycleEvent.of(LifecycleKind.START, "test"));
            for (Transcript.Chunk c : t.chunks()) {
                w.wire(c.dir(), c.tNs(), c.bytes(), 0, c.bytes().length);
                decoders[c.dir().ordinal()].feed(c.bytes(), e -> {
                    try {
                        PacketRecord p = PacketRecord.of(c.dir(), e, null);
                        if (p != null && p.valid() && c.dir() == Direction.CAM_TO_HOST && Event.isEvent(p.packet())) {
                            w.event(c.tNs(), EventRecord.of(Event.decode(p.packet()), null));
                        }
                    } catch (java.io.IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                });
            }
            List<ChannelEntry> channels = ChannelEntry.decodeList(payload(t, Opcode.CHANNEL_LIST));
            w.device(1, new DeviceFacts(VersionInfo.decode(payload(t, Opcode.PROTO_VERSION)),
                    SysInfo.decode(payload(t, Opcode.SYS_INFO)), Caps.allOn(4082), channels));
            w.attachScript(2, "main.py", "print('hi')\n".getBytes());
            for (Transcript.TracePacket p : t.packets(Direction.CAM_TO_HOST)) {
                if (p.opcode() == Opcode.CHANNEL_READ.code() && p.length() > 0 && p.chan() == 7) {
                    w.read(p.tNs(), new ChannelData(7, "telemetry", 0, p.payload()));
                }
            }
            w.read(3, new ChannelData(2, "stdout", 0, "hello from cam 1\n".getBytes()));
            w.lifecycle(4, LifecycleEvent.of(LifecycleKind.STOP, "test"));
        }
        return file;
    }

    private static byte[] payload(Transcript t, Opcode op) {
        for (Transcript.TracePacket p : t.packets(Direction.CAM_TO_HOST)) {
            if (p.opcode() == op.code() && p.length() > 0) {
                return p.payload();
            }
        }
        return Transcript.load("e-telemetry").packets(Direction.CAM_TO_HOST).stream()
                .filter(p -> p.opcode() == op.code() && p.length() > 0).findFirst().orElseThrow().payload();
    }
}
