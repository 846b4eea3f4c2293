package io.omvcap.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.payload.PixFormat;
import io.omvcap.payload.WriteRequest;
import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryField;
import io.omvcap.testing.Transcript;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.ValidPacket;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** c-echo, d-frame, e-telemetry, f-stdout and g-caps, replayed byte for byte against the camera. */
class ChannelTranscriptTest extends TranscriptCameraTest {
    private static final int FRAME = 6;
    private static final int STREAM = 3;

    @Test
    void echoWriteThenReadBack() throws Exception {
        Recording rec = play(Script.fromTrace(load("c-echo")), CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            assertConnectedLikeTheTranscripts(camera, 4082);
            camera.poll();
            camera.write("echo", "hello".getBytes(StandardCharsets.US_ASCII));
            assertTrue(camera.poll().isReady(5), "echo ready");
            assertEquals(11, camera.size("echo"));
            assertEquals("echo: hello", new String(camera.read("echo"), StandardCharsets.US_ASCII));
            assertFalse(camera.poll().isReady(5), "echo drained");
        });
        assertEquals(List.of("5:echo@0+5"), rec.writes);
        assertEquals(List.of("5:echo@0+11"), rec.reads);
        assertNoRecovery(rec);
    }

    @Test
    void frameReadsJoinThreeFragmentsAndPreviewFramesLockSizeReadUnlock() throws Exception {
        Recording rec = play(Script.fromTrace(load("d-frame")), CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            for (int i = 1; i <= 3; i++) {
                while (!camera.poll().isReady(FRAME)) {
                    // the scripted cam answers "not ready" exactly as often as the SDK asked
                }
                assertEquals(12000, camera.size("frame"));
                byte[] frame = camera.read("frame", 0, 12000);
                assertFramePattern(frame, i);
            }
            camera.streaming(true);
            for (int i = 0; i < 2; i++) {
                while (!camera.poll().isReady(STREAM)) {
                    // as above
                }
                Frame f = camera.readFrame().orElseThrow();
                assertEquals(64, f.width());
                assertEquals(48, f.height());
                assertEquals(PixFormat.JPEG, f.knownPixFormat());
                assertEquals(f.header().size(), f.bytes().length);
                assertEquals(0xFF, f.bytes()[0] & 0xFF, "JPEG SOI");
                assertEquals(0xD8, f.bytes()[1] & 0xFF, "JPEG SOI");
            }
        });
        List<Packet> fragments = inboundPackets(rec).stream()
                .filter(p -> p.opcode() == Opcode.CHANNEL_READ.code() && p.channel() == FRAME).toList();
        assertEquals(9, fragments.size(), "three reads of three fragments");
        assertEquals(List.of(4082, 4082, 3836), fragments.subList(0, 3).stream().map(Packet::length).toList());
        assertEquals(List.of("28/3", "35/3"), requestSeqs(rec, Opcode.CHANNEL_LOCK));
        assertEquals(List.of("31/3", "38/3"), requestSeqs(rec, Opcode.CHANNEL_UNLOCK));
        assertEquals(List.of("6:frame@0+12000", "6:frame@0+12000", "6:frame@0+12000", "3:stream@0+904",
                "3:stream@0+839"), rec.reads);
        assertNoRecovery(rec);
    }

    @Test
    void telemetryDecodesAndConfigRoundTrips() throws Exception {
        Recording rec = play(Script.fromTrace(load("e-telemetry")), CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            for (int i = 0; i < 3; i++) {
                byte[] cbor = camera.read("telemetry");
                assertEquals(69, cbor.length);
                List<TelemetryField> fields = TelemetryCodec.decode(cbor);
                assertEquals(List.of("temp", "count", "mirror"), fields.stream().map(TelemetryField::name).toList());
                assertEquals("Cel", fields.get(0).unit());
            }
            assertEquals("{\"quality\": 90}", new String(camera.read("config"), StandardCharsets.UTF_8));
            camera.write("config", "{\"quality\": 50}".getBytes(StandardCharsets.UTF_8));
            assertEquals("{\"quality\": 50}", new String(camera.read("config"), StandardCharsets.UTF_8));
        });
        assertEquals(List.of("8:config@0+15"), rec.writes);
        assertNoRecovery(rec);
    }

    @Test
    void stdoutReadsJoinCopyChannelFragments() throws Exception {
        Recording rec = play(Script.fromTrace(load("f-stdout")), CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            String first = camera.readStdout();
            assertEquals(643, first.length());
            assertTrue(first.startsWith("hello from cam 5\n"), first);
            for (int i = 0; i < 3; i++) {
                String text = camera.readStdout();
                assertEquals(90, text.length());
                assertTrue(text.endsWith("\n") && text.contains("hello from cam "), text);
            }
        });
        assertTrue(rec.events.stream().anyMatch(e -> "stdout".equals(e.channelName()) && e.code() == 0xFFFF),
                "stdout NOTIFY events reach the listener with the channel's name");
        assertEquals(rec.events.size(), rec.sessionEvents.size(), "session listeners see the same events");
        assertNoRecovery(rec);
    }

    @Test
    void capsWithoutAcksAndSmallPayloadChunkWritesAndNeverAck() throws Exception {
        Transcript t = load("g-caps");
        byte[] echo = writeData(t, 5);
        assertEquals(1000, echo.length);
        CameraOptions options = CameraOptions.defaults().withAck(false).withMaxPayload(512);
        Recording rec = play(Script.fromTrace(t), options, (camera, cam) -> {
            camera.connect();
            assertConnectedLikeTheTranscripts(camera, 512);
            assertFalse(camera.caps().ack());
            for (int i = 0; i < 2; i++) {
                assertTrue(new String(camera.read("ticks"), StandardCharsets.US_ASCII).matches("\\d{10}"));
            }
            assertTrue(camera.poll().isReady(FRAME));
            assertFramePattern(camera.read("frame"), 1);
            assertEquals(69, camera.read("telemetry").length);
            camera.write("echo", echo);
            byte[] back = camera.read("echo");
            assertEquals(1006, back.length);
            assertEquals("echo: ", new String(back, 0, 6, StandardCharsets.US_ASCII));
        });
        assertEquals("0b0000000002" + "00".repeat(10),
                HexFormat.of().formatHex(rec.requests(Opcode.PROTO_SET_CAPS).get(0).payload()));
        assertEquals(1, rec.acks().size(), "only GET_CAPS, answered before SET_CAPS took effect, is ACKed");
        List<WriteRequest> writes = rec.requests(Opcode.CHANNEL_WRITE).stream()
                .map(p -> WriteRequest.decode(p.payload())).toList();
        assertEquals(List.of(0L, 504L), writes.stream().map(WriteRequest::offset).toList());
        assertEquals(List.of(504, 496), writes.stream().map(w -> w.data().length).toList());
        long frameFragments = inboundPackets(rec).stream()
                .filter(p -> p.channel() == FRAME && p.opcode() == Opcode.CHANNEL_READ.code()).count();
        assertEquals(24, frameFragments, "23 x 512 + 224");
        assertTrue(inboundPackets(rec).stream().skip(3).noneMatch(p -> p.has(Flag.ACK_REQ)));
        assertNoRecovery(rec);
    }

    /** The frame channel's content: bytes 0-3 the counter, byte i = 7i + 3(i >> 8) + 13 counter. */
    static void assertFramePattern(byte[] frame, int counter) {
        assertEquals(12000, frame.length);
        assertEquals(counter, frame[0] & 0xFF);
        for (int i = 4; i < frame.length; i++) {
            int expected = (7 * i + 3 * (i >> 8) + 13 * counter) & 0xFF;
            if ((frame[i] & 0xFF) != expected) {
                throw new AssertionError("frame byte " + i + " is " + (frame[i] & 0xFF) + ", expected " + expected);
            }
        }
    }

    static List<Packet> inboundPackets(Recording rec) {
        synchronized (rec.inbound) {
            return rec.inbound.stream().filter(ValidPacket.class::isInstance)
                    .map(e -> ((ValidPacket) e).packet()).toList();
        }
    }

    /** The data of every host CHANNEL_WRITE on {@code channel} in a transcript, joined. */
    static byte[] writeData(Transcript t, int channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Transcript.TracePacket p : t.packets(Direction.HOST_TO_CAM)) {
            if (p.chan() == channel && p.opcode() == Opcode.CHANNEL_WRITE.code()) {
                out.writeBytes(WriteRequest.decode(p.payload()).data());
            }
        }
        return out.toByteArray();
    }
}
