package io.omvcap.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.testing.Transcript;
import io.omvcap.transport.Pty;
import io.omvcap.transport.Transports;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The whole host stack over a real pseudo-terminal: spec, jSerialComm, camera, scripted cam on the master. */
@Timeout(30)
class SerialCameraTest {

    @Test
    void echoTranscriptOverAPty() throws Exception {
        Script script = Script.fromTrace(Transcript.load("c-echo"));
        Recording rec = new Recording();
        try (Pty pty = new Pty(); ScriptedCam cam = new ScriptedCam(script, false, pty.masterLink(), null);
                Camera camera = rec.attach(new Camera(Transports.open(pty.slavePath()), CameraOptions.defaults()))) {
            camera.connect();
            camera.poll();
            camera.write("echo", "hello".getBytes(StandardCharsets.US_ASCII));
            assertTrue(camera.poll().isReady(5));
            assertEquals(11, camera.size("echo"));
            assertEquals("echo: hello", new String(camera.read("echo"), StandardCharsets.US_ASCII));
            camera.poll();
            cam.assertCompleted();
            assertEquals(pty.slavePath(), camera.describe());
        }
        assertEquals(TranscriptCameraTest.bytes(script, io.omvcap.wire.Direction.HOST_TO_CAM).length, rec.h2c.size());
    }

    @Test
    void unpluggingTheCamMidSessionIsADisconnect() throws Exception {
        Script script = Script.fromTrace(Transcript.load("a-connect"));
        Pty pty = new Pty();
        try (ScriptedCam cam = new ScriptedCam(script, true, pty.masterLink(), null);
                Camera camera = new Camera(Transports.open(pty.slavePath()), CameraOptions.defaults())) {
            camera.connect();
            cam.assertCompleted();
            pty.close();
            CameraDisconnectedException e = assertThrows(CameraDisconnectedException.class, camera::poll);
            assertTrue(e.getMessage().contains(pty.slavePath()), e.getMessage());
        } finally {
            pty.close();
        }
    }
}
