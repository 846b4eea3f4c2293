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
        void run(Camera camera, ScriptedCam cam) throws Exception;
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
                work.run(camera, cam);
                cam.assertCompleted();
            } finally {
                camera.close();
            }
            assertArrayEquals(withoutInjected(bytes(script, Direction.HOST_TO_CAM), cam.injected()),
                    rec.h2c.toByteArray(), "tap saw exactly the expected host bytes (less injected ones)");
            assertTappedCamBytes(script, rec.c2h.toByteArray());
        }
        return rec;
    }

    /**
     * The tap must have seen every cam byte sent before the host's last expected bytes, then at
     * most a prefix of what the cam sent after them (events nobody read yet).
     */
    static void assertTappedCamBytes(Script script, byte[] tapped) {
        int lastHost = 0;
        for (int i = 0; i < script.steps().size(); i++) {
            if (script.steps().get(i).dir() == Direction.HOST_TO_CAM) {
                lastHost = i;
            }
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int required = 0;
        for (int i = 0; i < script.steps().size(); i++) {
            Script.Step s = script.steps().get(i);
            if (s.dir() == Direction.CAM_TO_HOST) {
                all.writeBytes(s.bytes());
                if (i < lastHost) {
                    required = all.size();
                }
            }
        }
        byte[] expected = all.toByteArray();
        assertTrue(tapped.length >= required && tapped.length <= expected.length,
                "tap saw " + tapped.length + " cam bytes, expected " + required + ".." + expected.length);
        assertArrayEquals(java.util.Arrays.copyOf(expected, tapped.length), tapped, "tap saw exactly the cam's bytes");
    }

    /** {@code stream} without the injected runs, each removed at its first occurrence after the previous one. */
    static byte[] withoutInjected(byte[] stream, List<byte[]> injected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        for (byte[] part : injected) {
            int at = indexOf(stream, part, pos);
            if (at < 0) {
                throw new AssertionError("injected bytes not found in the script");
            }
            out.write(stream, pos, at - pos);
            pos = at + part.length;
        }
        out.write(stream, pos, stream.length - pos);
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
