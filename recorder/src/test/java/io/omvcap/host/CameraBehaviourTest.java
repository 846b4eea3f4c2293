package io.omvcap.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.Event;
import io.omvcap.payload.Nak;
import io.omvcap.payload.SystemEvent;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketEncoder;
import io.omvcap.wire.Status;
import io.omvcap.wire.ValidPacket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Behaviour the transcripts do not show, against crafted cams. */
class CameraBehaviourTest extends TranscriptCameraTest {
    private static final int ACK = Flag.ACK.mask();
    private static final int AREQ = Flag.ACK_REQ.mask();
    private static final int EVT = Flag.EVENT.mask();
    private static final byte[] NONE = new byte[0];

    /** a-connect: the cam is connected, its counter at 5, four channels listed. */
    private static Script connected() {
        return Script.fromTrace(load("a-connect"));
    }

    /** a-connect's SYNC, GET_CAPS and SET_CAPS exchanges, as a resync replays them. */
    private static Script handshake() {
        return Script.fromPackets(load("a-connect").packets().subList(0, 7));
    }

    private static Packet request(int seq, int ch, Opcode op, byte[] payload) {
        return Packet.of(seq, ch, 0, op, payload);
    }

    @Test
    void aSoftRebootDuringARequestAbortsItResyncsAndRetries() throws Exception {
        Packet reboot = Packet.of(5, 0, EVT, Opcode.SYS_EVENT, new byte[] {2, 0});
        Script script = connected()
                .then(Script.host(request(5, 0, Opcode.CHANNEL_POLL, NONE)))
                .then(Script.cam(reboot))
                .then(handshake())
                .then(Script.host(request(2, 0, Opcode.CHANNEL_POLL, NONE)))
                .then(Script.cam(Packet.of(2, 0, AREQ, Opcode.CHANNEL_POLL, new byte[] {0x0e, 0, 0, 0})))
                .then(Script.host(Packet.of(2, 0, ACK, Opcode.CHANNEL_POLL)));
        Recording rec = play(script, CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            assertEquals(List.of(1, 2, 3), camera.poll().readyChannels());
        });
        assertEquals(List.of("RETRY: cam soft-rebooted during CHANNEL_POLL"), rec.lifecycle(Lifecycle.RETRY));
        assertEquals(1, rec.lifecycle(Lifecycle.SOFT_REBOOT).size());
        assertEquals(SystemEvent.SOFT_REBOOT, rec.events.get(0).systemEvent());
    }

    @Test
    void eventsDoNotKeepAnUnansweredRequestAlive() throws Exception {
        CameraOptions options = CameraOptions.defaults().withTimeout(Duration.ofMillis(200)).withSyncAttempts(1);
        byte[] notify = PacketEncoder.encode(Packet.of(5, 2, EVT, Opcode.CHANNEL_EVENT));
        Recording rec = new Recording();
        try (ScriptedCam cam = new ScriptedCam(connected(), true);
                Camera camera = rec.attach(new Camera(cam.hostLink(), options))) {
            camera.connect();
            cam.assertCompleted();
            CompletableFuture<Void> chatter = CompletableFuture.runAsync(() -> {
                try {
                    while (camera.isConnected()) {
                        cam.camWrite(notify);
                        Thread.sleep(10);
                    }
                } catch (Exception e) {
                    // the link ended: done
                }
            });
            long start = System.nanoTime();
            CameraTimeoutException e = assertThrows(CameraTimeoutException.class, camera::poll);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(e.getMessage().startsWith("no answer to PROTO_SYNC"), e.getMessage());
            assertTrue(millis < 3_000, "gave up after " + millis + " ms although events kept coming");
            assertTrue(rec.events.size() >= 5, "events were delivered while waiting: " + rec.events.size());
            camera.close();
            chatter.get(5, TimeUnit.SECONDS);
        }
        assertEquals(List.of("RETRY: no answer to CHANNEL_POLL on channel 0 within 200 ms"), rec.lifecycle(Lifecycle.RETRY));
    }

    @Test
    void nothingAnsweringSyncIsNotAnOpenMvCam() throws Exception {
        CameraOptions options = CameraOptions.defaults().withTimeout(Duration.ofMillis(100)).withSyncAttempts(2);
        try (ScriptedCam cam = new ScriptedCam(new Script(List.of()), true)) {
            Camera camera = new Camera(cam.hostLink(), options);
            NotOpenMvException e = assertThrows(NotOpenMvException.class, camera::connect);
            assertEquals("no answer to PROTO_SYNC from scripted-cam: not an OpenMV cam with protocol v2, or it is busy",
                    e.getMessage());
            assertFalse(camera.isConnected());
            assertFalse(cam.hostLink().isOpen(), "a failed connect closes the link");
            byte[] sync = PacketEncoder.encode(request(0, 0, Opcode.PROTO_SYNC, NONE));
            assertEquals(2 * sync.length, cam.received().length, "two PROTO_SYNC attempts");
        }
    }

    @Test
    void anUnknownChannelIsReListedOnceThenRefusedWithTheNamesThereAre() throws Exception {
        byte[] list = ChannelEntry.encodeList(List.of(new ChannelEntry(0, 0x40, "usb"), new ChannelEntry(1, 6, "stdin")));
        Script script = connected()
                .then(Script.host(request(5, 0, Opcode.CHANNEL_LIST, NONE)))
                .then(Script.cam(Packet.of(5, 0, AREQ, Opcode.CHANNEL_LIST, list)))
                .then(Script.host(Packet.of(5, 0, ACK, Opcode.CHANNEL_LIST)));
        play(script, CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            NoSuchChannelException e = assertThrows(NoSuchChannelException.class, () -> camera.read("telemetry"));
            assertEquals("no channel 'telemetry' on the cam (it has: usb, stdin)", e.getMessage());
            assertEquals("telemetry", e.channel());
        });
    }

    @Test
    void aBusyStreamLockGivesNoFrame() throws Exception {
        Script script = connected()
                .then(Script.host(request(5, 3, Opcode.CHANNEL_LOCK, NONE)))
                .then(Script.cam(Packet.of(5, 3, Flag.NAK.mask(), Opcode.CHANNEL_LOCK, Nak.encode(Status.BUSY))))
                .then(Script.host(request(6, 3, Opcode.CHANNEL_LOCK, NONE)))
                .then(Script.cam(Packet.of(6, 3, Flag.NAK.mask(), Opcode.CHANNEL_LOCK, Nak.encode(Status.BUSY))));
        Recording rec = play(script, CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            assertTrue(camera.readFrame().isEmpty());
            assertFalse(camera.lock("stream"));
        });
        assertNoRecovery(rec);
    }

    @Test
    void pumpDeliversEventsWhileIdleWithTheChannelName() throws Exception {
        Script script = connected().then(Script.cam(Packet.of(5, 3, EVT, Opcode.CHANNEL_EVENT)));
        Recording rec = play(script, CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            int seen = 0;
            for (int i = 0; i < 100 && seen == 0; i++) {
                seen = camera.pumpEvents(Duration.ofMillis(20));
            }
            assertEquals(1, seen);
        });
        assertEquals(1, rec.events.size());
        CameraEvent e = rec.events.get(0);
        assertEquals("stream", e.channelName());
        assertEquals(Event.NOTIFY, e.code());
        assertEquals("stream NOTIFY", e.toString());
    }

    @Test
    void closeFromAnotherThreadEndsABlockedRequestPromptly() throws Exception {
        CameraOptions options = CameraOptions.defaults().withTimeout(Duration.ofSeconds(30));
        CountDownLatch pollSent = new CountDownLatch(1);
        try (ScriptedCam cam = new ScriptedCam(connected(), true);
                Camera camera = new Camera(cam.hostLink(), options)) {
            camera.addSessionListener(new SessionListener() {
                @Override
                public void onPacket(Direction direction, io.omvcap.wire.WireEvent event, long nanoTime) {
                    if (direction == Direction.HOST_TO_CAM
                            && ((ValidPacket) event).packet().opcode() == Opcode.CHANNEL_POLL.code()) {
                        pollSent.countDown();
                    }
                }
            });
            camera.connect();
            CompletableFuture<Object> poll = CompletableFuture.supplyAsync(() -> {
                try {
                    return camera.poll();
                } catch (CameraException e) {
                    return e;
                }
            });
            assertTrue(pollSent.await(5, TimeUnit.SECONDS));
            long start = System.nanoTime();
            camera.close();
            Object outcome = poll.get(5, TimeUnit.SECONDS);
            assertTrue(outcome instanceof CameraDisconnectedException, String.valueOf(outcome));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2_000);
            assertThrows(CameraDisconnectedException.class, camera::poll, "closed stays closed");
        }
    }

    @Test
    void aVanishedPeerIsADisconnectNotATimeoutOrRetry() throws Exception {
        Recording rec = new Recording();
        try (ScriptedCam cam = new ScriptedCam(connected(), true);
                Camera camera = rec.attach(new Camera(cam.hostLink(), CameraOptions.defaults()))) {
            camera.connect();
            cam.assertCompleted();
            cam.hangUp();
            CameraDisconnectedException e = assertThrows(CameraDisconnectedException.class, camera::poll);
            assertTrue(e.getMessage().contains("scripted-cam"), e.getMessage());
            assertFalse(camera.isConnected());
        }
        assertTrue(rec.lifecycle(Lifecycle.RETRY).isEmpty());
        assertEquals(1, rec.lifecycle(Lifecycle.DISCONNECTED).size());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> CameraOptions.defaults().withMaxPayload(49));
        assertThrows(IllegalArgumentException.class, () -> CameraOptions.defaults().withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> CameraOptions.defaults().withSyncAttempts(0));
        assertEquals(512, CameraOptions.defaults().withMaxPayload(512).wish(io.omvcap.payload.Caps.allOn(4082)).maxPayload());
        assertEquals(4082, CameraOptions.defaults().wish(io.omvcap.payload.Caps.allOn(4082)).maxPayload());
    }

    @Test
    void operationsBeforeConnectAreRefused() {
        Camera camera = new Camera(io.omvcap.link.PipeLink.pair("idle")[0], CameraOptions.defaults());
        assertThrows(IllegalStateException.class, camera::poll);
        assertThrows(IllegalStateException.class, camera::caps);
    }

    @Test
    void shapeIoctlRawStreamingAndUnlockSpeakTheirOpcodes() throws Exception {
        byte[] shape = new byte[12];
        shape[0] = 64;
        shape[4] = 48;
        shape[8] = 2;
        Script script = connected()
                .then(Script.host(request(5, 3, Opcode.CHANNEL_SHAPE, NONE)))
                .then(Script.cam(Packet.of(5, 3, AREQ, Opcode.CHANNEL_SHAPE, shape)))
                .then(Script.host(Packet.of(5, 3, ACK, Opcode.CHANNEL_SHAPE)))
                .then(Script.host(request(6, 3, Opcode.CHANNEL_IOCTL, new byte[] {2, 0, 0, 0, 80, 0, 0, 0, 60, 0, 0, 0})))
                .then(Script.cam(Packet.of(6, 3, ACK, Opcode.CHANNEL_IOCTL)))
                .then(Script.host(request(7, 3, Opcode.CHANNEL_IOCTL, new byte[] {1, 0, 0, 0, 1, 0, 0, 0})))
                .then(Script.cam(Packet.of(7, 3, ACK, Opcode.CHANNEL_IOCTL)))
                .then(Script.host(request(8, 3, Opcode.CHANNEL_IOCTL, new byte[] {0, 0, 0, 0, 1, 0, 0, 0})))
                .then(Script.cam(Packet.of(8, 3, ACK, Opcode.CHANNEL_IOCTL)))
                .then(Script.host(request(9, 2, Opcode.CHANNEL_IOCTL, new byte[] {9, 0, 0, 0, 7})))
                .then(Script.cam(Packet.of(9, 2, AREQ, Opcode.CHANNEL_IOCTL, new byte[] {42})))
                .then(Script.host(Packet.of(9, 2, ACK, Opcode.CHANNEL_IOCTL)))
                .then(Script.host(request(10, 3, Opcode.CHANNEL_UNLOCK, NONE)))
                .then(Script.cam(Packet.of(10, 3, ACK, Opcode.CHANNEL_UNLOCK)));
        Recording rec = play(script, CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            assertEquals(List.of(64L, 48L, 2L), camera.shape("stream").dims());
            camera.streamingRaw(true, 80, 60);
            assertEquals(List.of((byte) 42), toList(camera.ioctl("stdout", 9, new byte[] {7})));
            camera.unlock("stream");
        });
        assertNoRecovery(rec);
    }

    @Test
    void aLostCapsAnswerAtConnectRetriesTheHandshake() throws Exception {
        CameraOptions options = CameraOptions.defaults().withTimeout(Duration.ofMillis(200));
        Script lost = Script.fromPackets(load("a-connect").packets().subList(0, 3));
        Recording rec = play(lost.then(connected()), options, (camera, cam) -> {
            camera.connect();
            assertEquals(4082, camera.caps().maxPayload());
        });
        assertEquals(List.of("RETRY: no answer to PROTO_GET_CAPS on channel 0 within 200 ms"), rec.lifecycle(Lifecycle.RETRY));
    }

    @Test
    void aThrowingListenerFailsTheOperationItInterruptedAndTheNextOneRecovers() throws Exception {
        Script script = connected()
                .then(Script.host(request(5, 0, Opcode.CHANNEL_POLL, NONE)))
                .then(Script.cam(Packet.of(5, 3, EVT, Opcode.CHANNEL_EVENT),
                        Packet.of(5, 0, AREQ, Opcode.CHANNEL_POLL, new byte[] {8, 0, 0, 0})))
                .then(Script.host(Packet.of(5, 0, ACK, Opcode.CHANNEL_POLL)))
                .then(Script.host(request(5, 0, Opcode.CHANNEL_POLL, NONE)))
                .then(Script.cam(Packet.of(6, 0, Flag.NAK.mask(), Opcode.CHANNEL_POLL, Nak.encode(Status.SEQUENCE))))
                .then(handshake())
                .then(Script.host(request(2, 0, Opcode.CHANNEL_POLL, NONE)))
                .then(Script.cam(Packet.of(2, 0, AREQ, Opcode.CHANNEL_POLL, new byte[] {4, 0, 0, 0})))
                .then(Script.host(Packet.of(2, 0, ACK, Opcode.CHANNEL_POLL)));
        Recording rec = play(script, CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            boolean[] armed = {true};
            camera.addListener(e -> {
                if (armed[0]) {
                    armed[0] = false;
                    throw new IllegalStateException("listener bug");
                }
            });
            assertThrows(IllegalStateException.class, camera::poll);
            assertEquals(List.of(2), camera.poll().readyChannels(), "the poll answer left behind is not taken");
        });
        assertEquals(List.of("RETRY: CHANNEL_POLL on channel 0 refused: NAK SEQUENCE"), rec.lifecycle(Lifecycle.RETRY),
                "an abandoned request costs one resync, like a timeout");
    }

    /** A registration that arrives right behind the channel list (same read) still makes it stale. */
    @Test
    void aRegistrationBehindTheListAnswerIsNotLost() throws Exception {
        List<io.omvcap.testing.Transcript.TracePacket> packets = new java.util.ArrayList<>(load("a-connect").packets());
        int listAnswer = 8;
        assertEquals(Opcode.CHANNEL_LIST.code(), packets.get(listAnswer).opcode());
        assertEquals(Direction.CAM_TO_HOST, packets.get(listAnswer).dir());
        packets.add(listAnswer + 1, new io.omvcap.testing.Transcript.TracePacket(0, Direction.CAM_TO_HOST, 3, 0, EVT,
                Opcode.SYS_EVENT.code(), 2, new byte[] {0, 0}, true, true));
        List<ChannelEntry> five = List.of(new ChannelEntry(0, 0x40, "usb"), new ChannelEntry(1, 6, "stdin"),
                new ChannelEntry(2, 1, "stdout"), new ChannelEntry(3, 0x19, "stream"), new ChannelEntry(4, 0x21, "ticks"));
        Script script = Script.fromPackets(packets)
                .then(Script.host(request(5, 0, Opcode.CHANNEL_LIST, NONE)))
                .then(Script.cam(Packet.of(5, 0, AREQ, Opcode.CHANNEL_LIST, ChannelEntry.encodeList(five))))
                .then(Script.host(Packet.of(5, 0, ACK, Opcode.CHANNEL_LIST)));
        play(script, CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            assertEquals(five, camera.channels());
            assertEquals(five, camera.channels(), "listed once, then fresh");
        });
    }

    private static List<Byte> toList(byte[] b) {
        java.util.List<Byte> out = new java.util.ArrayList<>();
        for (byte x : b) {
            out.add(x);
        }
        return out;
    }
}
