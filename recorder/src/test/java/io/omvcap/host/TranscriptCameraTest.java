package io.omvcap.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.payload.Caps;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.SemVer;
import io.omvcap.testing.Transcript;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Opcode;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** Shared plumbing of the transcript-driven camera tests. */
abstract class TranscriptCameraTest {

    /** The camera's work against a scripted cam. */
    @FunctionalInterface
    interface Work {
        void run(Camera camera) throws Exception;
    }

    /**
     * Runs {@code work} on a camera wired to a cam playing {@code script}, then checks that the
     * script completed and that the tap saw exactly the script's bytes in both directions.
     */
    static Recording play(Script script, CameraOptions options, Work work) throws Exception {
        Recording rec = new Recording();
        try (ScriptedCam cam = new ScriptedCam(script)) {
            Camera camera = rec.attach(new Camera(cam.hostLink(), options));
            try {
                work.run(camera);
                cam.assertCompleted();
            } finally {
                camera.close();
            }
            assertArrayEquals(bytes(script, Direction.HOST_TO_CAM), rec.h2c.toByteArray(),
                    "tap saw exactly the expected host bytes");
            assertArrayEquals(bytes(script, Direction.CAM_TO_HOST), rec.c2h.toByteArray(),
                    "tap saw exactly the cam's bytes");
        }
        return rec;
    }

    static byte[] bytes(Script script, Direction dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Script.Step s : script.steps()) {
            if (s.dir() == dir) {
                out.writeBytes(s.bytes());
            }
        }
        return out.toByteArray();
    }

    /** Asserts what every transcript's connect established (a fresh or main.py cam alike). */
    static void assertConnectedLikeTheTranscripts(Camera camera, int maxPayload) {
        assertEquals(Caps.allOn(4082), camera.deviceCaps());
        assertEquals(maxPayload, camera.caps().maxPayload());
        assertEquals(new SemVer(1, 0, 2), camera.version().protocol());
        assertEquals(new SemVer(5, 0, 0), camera.version().firmware());
        assertEquals(0x37C5, camera.sysInfo().usbVendorId());
        assertEquals(0x124A, camera.sysInfo().usbProductId());
    }

    static List<String> names(List<ChannelEntry> channels) {
        return channels.stream().map(ChannelEntry::name).toList();
    }

    static Transcript load(String name) {
        return Transcript.load(name);
    }

    /** Host requests with {@code opcode} as "seq/channel" strings, for compact assertions. */
    static List<String> requestSeqs(Recording rec, Opcode opcode) {
        return rec.requests(opcode).stream().map(p -> p.sequence() + "/" + p.channel()).toList();
    }

    static void assertNoRecovery(Recording rec) {
        assertTrue(rec.lifecycle(Lifecycle.RETRY).isEmpty(), () -> "no retries: " + rec.lifecycle);
        assertEquals(1, rec.lifecycle(Lifecycle.RESYNC).size(), () -> "only the connect handshake: " + rec.lifecycle);
        assertFalse(rec.lifecycle.stream().anyMatch(s -> s.startsWith("DISCONNECTED")), rec.lifecycle::toString);
    }
}
