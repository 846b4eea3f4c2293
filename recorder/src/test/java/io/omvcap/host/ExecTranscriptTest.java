package io.omvcap.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.payload.Event;
import io.omvcap.payload.SystemEvent;
import io.omvcap.payload.WriteRequest;
import io.omvcap.testing.Transcript;
import io.omvcap.testing.Transcript.TracePacket;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * b-exec: stop, then exec of a 6316-byte script chunked exactly like the SDK; afterwards one
 * channel-list refresh for the burst of five CHANNEL_REGISTERED events, where the SDK made six.
 */
class ExecTranscriptTest extends TranscriptCameraTest {
    /** The SDK's redundant CHANNEL_LIST requests in b-exec, by their sequence numbers. */
    private static final Set<Integer> SDK_EXTRA_LISTS = Set.of(12, 13, 16, 19, 22);

    @Test
    void stopExecChunksLikeTheSdkAndRelistsOncePerBurst() throws Exception {
        Transcript t = load("b-exec");
        byte[] script = ChannelTranscriptTest.writeData(t, 1);
        assertEquals(6316, script.length);
        List<TracePacket> edited = Script.withoutExchanges(t.packets(),
                p -> p.opcode() == Opcode.CHANNEL_LIST.code() && SDK_EXTRA_LISTS.contains(p.seq()));
        assertEquals(t.packets().size() - 5 * 3, edited.size(), "five LIST exchanges of three packets removed");

        Recording rec = play(Script.fromPackets(edited), CameraOptions.defaults(), (camera, cam) -> {
            camera.connect();
            camera.stop();
            camera.exec(script);
            assertEquals(9, camera.channels().size(), "re-listed after the registrations");
            assertTrue(camera.poll().isReady(4));
            for (int i = 0; i < 5; i++) {
                assertTrue(new String(camera.read("ticks"), StandardCharsets.US_ASCII).matches("\\d{10}"));
            }
        });

        List<WriteRequest> writes = rec.requests(Opcode.CHANNEL_WRITE).stream()
                .map(p -> WriteRequest.decode(p.payload())).toList();
        assertEquals(List.of(0L, 4074L), writes.stream().map(WriteRequest::offset).toList());
        assertEquals(List.of(4074, 2242), writes.stream().map(w -> w.data().length).toList());
        assertEquals(List.of(4082, 2250), rec.requests(Opcode.CHANNEL_WRITE).stream().map(p -> p.length()).toList());
        assertEquals(List.of("1:stdin@0+6316"), rec.writes);
        assertEquals(List.of("2/0", "10/0"), requestSeqs(rec, Opcode.CHANNEL_LIST), "connect, then once for the burst");
        assertEquals(5, rec.events.stream().filter(e -> e.systemEvent() == SystemEvent.CHANNEL_REGISTERED).count());
        assertTrue(rec.events.stream().anyMatch(e -> "stdin".equals(e.channelName())
                && e.code() == Event.SCRIPT_STARTED), "script-started event from stdin");
        long sdkLists = t.packets(Direction.HOST_TO_CAM).stream()
                .filter(p -> p.opcode() == Opcode.CHANNEL_LIST.code() && p.flags() == 0).count();
        assertEquals(7, sdkLists, "the SDK listed 7 times");
        assertNoRecovery(rec);
    }
}
