package io.omvcap.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.payload.ProtocolStats;
import io.omvcap.testing.Transcript;
import io.omvcap.testing.Transcript.TracePacket;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.wire.ValidPacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** h-noise, i-restart (with k-restart-nostdout's recovery) and j-rtx: where the SDK stumbles. */
class RecoveryTranscriptTest extends TranscriptCameraTest {

    /** The host chunks of h-noise that the harness injected: garbage, a bad header CRC, a bad payload CRC. */
    static List<byte[]> injectedChunks(Transcript t) {
        List<byte[]> out = new ArrayList<>();
        for (Transcript.Chunk c : t.chunks(Direction.HOST_TO_CAM)) {
            PacketDecoder d = new PacketDecoder();
            List<Object> events = new ArrayList<>();
            d.feed(c.bytes(), events::add);
            d.finish(events::add);
            if (!events.stream().allMatch(ValidPacket.class::isInstance)) {
                out.add(c.bytes());
            }
        }
        return out;
    }

    private static void readTicks(Camera camera) throws CameraException {
        assertTrue(new String(camera.read("ticks"), StandardCharsets.US_ASCII).matches("\\d{10}"));
    }

    /**
     * Injection as in the trace: the cam's NAK CHECKSUM for the injected packet is already waiting
     * when the camera's next read starts, and it is dropped as unsolicited.
     */
    @Test
    void noiseAndAStaleChecksumNakWaitingBeforeTheRequest() throws Exception {
        Transcript t = load("h-noise");
        List<byte[]> injected = injectedChunks(t);
        assertEquals(3, injected.size());
        Recording rec = play(Script.fromTrace(t), CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            readTicks(camera);
            cam.inject(injected.get(0));
            readTicks(camera);
            cam.inject(injected.get(1));
            readTicks(camera);
            cam.inject(injected.get(2));
            cam.awaitSteps(cam.hostStepContaining(injected.get(2)) + 2); // the NAK CHECKSUM is out
            readTicks(camera);
            readTicks(camera);
            ProtocolStats stats = camera.stats();
            assertEquals(1, stats.checksumErrors());
            assertEquals(1, stats.sequenceErrors());
        });
        assertTrue(rec.lifecycle(Lifecycle.DROPPED).stream()
                .anyMatch(s -> s.contains("NAK CHECKSUM for CHANNEL_READ ch 4 seq 11 with no request outstanding")),
                rec.lifecycle::toString);
        assertEquals(List.of("RETRY: CHANNEL_SIZE on channel 4 refused: NAK SEQUENCE"), rec.lifecycle(Lifecycle.RETRY));
    }

    /**
     * The SDK's race exactly: the stale NAK CHECKSUM (seq 11, CHANNEL_READ) arrives after the
     * camera sent CHANNEL_SIZE with the same seq 11. The SDK took it as its answer; the camera
     * drops it because the opcode differs, and recovers from the NAK SEQUENCE that follows.
     */
    @Test
    void staleChecksumNakArrivingAfterTheRequestIsNotTakenAsTheAnswer() throws Exception {
        Transcript t = load("h-noise");
        List<byte[]> injected = injectedChunks(t);
        Script script = Script.fromTrace(t).delayingCamAnswerTo(injected.get(2));
        Recording rec = play(script, CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            readTicks(camera);
            cam.inject(injected.get(0));
            readTicks(camera);
            cam.inject(injected.get(1));
            readTicks(camera);
            cam.inject(injected.get(2));
            readTicks(camera);
            readTicks(camera);
            assertEquals(1, camera.stats().checksumErrors());
        });
        assertTrue(rec.lifecycle(Lifecycle.DROPPED).stream()
                .anyMatch(s -> s.contains("NAK CHECKSUM for CHANNEL_READ ch 4 seq 11 does not answer CHANNEL_SIZE ch 4 seq 11")),
                rec.lifecycle::toString);
        assertEquals(List.of("RETRY: CHANNEL_SIZE on channel 4 refused: NAK SEQUENCE"), rec.lifecycle(Lifecycle.RETRY));
        assertEquals(List.of("0/0", "0/0"), requestSeqs(rec, Opcode.PROTO_SYNC), "connect and one resync");
    }

    /**
     * i-restart up to the soft reboot (without the SDK's redundant re-lists), then the recovery
     * k-restart-nostdout shows, which the camera starts at once instead of after NAK SEQUENCE and
     * a one-second timeout: resync, re-list (4 channels), exec, re-list once (9 channels).
     */
    @Test
    void softRebootResyncsRelistsAndExecWorks() throws Exception {
        Transcript i = load("i-restart");
        Transcript k = load("k-restart-nostdout");
        byte[] script = ChannelTranscriptTest.writeData(i, 1);
        assertEquals(6316, script.length);

        List<TracePacket> before = Script.withoutExchanges(upToHostPacketAfterReboot(i.packets()),
                p -> p.opcode() == Opcode.CHANNEL_LIST.code() && Set.of(11, 12).contains(p.seq()));
        List<TracePacket> after = Script.withoutExchanges(fromSecondSync(k.packets()),
                p -> p.opcode() == Opcode.CHANNEL_LIST.code() && Set.of(9, 10).contains(p.seq()));
        Script combined = Script.fromPackets(before).then(Script.fromPackets(after));

        Recording rec = play(combined, CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            camera.exec(script);
            assertEquals(9, camera.channels().size());
            camera.poll();
            camera.stop();
            camera.exec(script);
            assertEquals(9, camera.channels().size());
            assertTrue(camera.poll().isReady(4));
            readTicks(camera);
        });
        assertEquals(1, rec.lifecycle(Lifecycle.SOFT_REBOOT).size(), rec.lifecycle::toString);
        assertEquals(List.of("RESYNC: connect", "RESYNC: cam soft-rebooted"), rec.lifecycle(Lifecycle.RESYNC));
        assertTrue(rec.lifecycle(Lifecycle.RETRY).isEmpty(), "recovered without a failed request");
        assertTrue(rec.events.stream().anyMatch(CameraEvent::isSoftReboot));
        assertTrue(rec.lifecycle(Lifecycle.CHANNELS).stream().anyMatch(s -> s.contains("3:stream") && !s.contains("4:")),
                "re-listed the four built-in channels after the reboot: " + rec.lifecycle);
    }

    /** j-rtx: two retransmissions of the first fragment are re-ACKed and dropped; the read is intact. */
    @Test
    void retransmittedFragmentsAreReAckedAndDropped() throws Exception {
        Recording rec = play(Script.fromTrace(load("j-rtx")), CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            assertTrue(camera.poll().isReady(6));
            assertEquals(12000, camera.size("frame"));
            ChannelTranscriptTest.assertFramePattern(camera.read("frame", 0, 12000), 1);
            readTicks(camera);
            assertEquals(2, camera.stats().retransmits());
        });
        List<String> dropped = rec.lifecycle(Lifecycle.DROPPED);
        assertEquals(2, dropped.size(), dropped::toString);
        assertTrue(dropped.stream().allMatch(s -> s.contains("retransmitted CHANNEL_READ ch 6 seq 7")), dropped::toString);
        assertEquals(3, rec.acks().stream().filter(p -> p.sequence() == 7 && p.channel() == 6).count(),
                "the fragment and both copies are ACKed");
        assertEquals(List.of("6:frame@0+12000", "4:ticks@0+10"), rec.reads);
    }

    private static List<TracePacket> upToHostPacketAfterReboot(List<TracePacket> packets) {
        List<TracePacket> out = new ArrayList<>();
        boolean rebooted = false;
        for (TracePacket p : packets) {
            if (rebooted && p.dir() == Direction.HOST_TO_CAM) {
                return out;
            }
            rebooted |= p.opcode() == Opcode.SYS_EVENT.code() && p.payload().length == 2 && p.payload()[0] == 2;
            out.add(p);
        }
        throw new AssertionError("no host packet after the soft reboot");
    }

    private static List<TracePacket> fromSecondSync(List<TracePacket> packets) {
        int syncs = 0;
        for (int n = 0; n < packets.size(); n++) {
            TracePacket p = packets.get(n);
            if (p.dir() == Direction.HOST_TO_CAM && p.opcode() == Opcode.PROTO_SYNC.code() && ++syncs == 2) {
                return packets.subList(n, packets.size());
            }
        }
        throw new AssertionError("no second PROTO_SYNC");
    }
}
