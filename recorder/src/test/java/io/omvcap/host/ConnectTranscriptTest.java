package io.omvcap.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.payload.ChannelEntry;
import io.omvcap.wire.ChannelFlag;
import io.omvcap.wire.Opcode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** a-connect: the handshake, byte for byte. */
class ConnectTranscriptTest extends TranscriptCameraTest {

    @Test
    void connectSendsExactlyTheSdkBytes() throws Exception {
        Recording rec = play(Script.fromTrace(load("a-connect")), CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            assertTrue(camera.isConnected());
            assertConnectedLikeTheTranscripts(camera, 4082);
            List<ChannelEntry> channels = camera.channels();
            assertEquals(List.of("usb", "stdin", "stdout", "stream"), names(channels));
            assertTrue(channels.get(0).has(ChannelFlag.PHYSICAL));
        });
        assertEquals(List.of("0/0"), requestSeqs(rec, Opcode.PROTO_SYNC));
        assertEquals(List.of("0/0"), requestSeqs(rec, Opcode.PROTO_GET_CAPS));
        assertEquals(List.of("1/0"), requestSeqs(rec, Opcode.PROTO_SET_CAPS));
        assertEquals(4, rec.acks().size(), "GET_CAPS, CHANNEL_LIST, VERSION and SYS_INFO answers are ACKed");
        assertNoRecovery(rec);
        assertTrue(rec.lifecycle.get(rec.lifecycle.size() - 1).startsWith("CLOSED"), rec.lifecycle::toString);
    }
}
