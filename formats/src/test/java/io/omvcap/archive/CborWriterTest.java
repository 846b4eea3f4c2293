package io.omvcap.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omvcap.wire.Direction;
import io.omvcap.wire.InvalidReason;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written CBOR of the hot records decodes to exactly what their maps say. */
class CborWriterTest {
    @Test
    void packetRecordsRoundTrip() {
        Random rnd = new Random(9);
        for (int i = 0; i < 500; i++) {
            byte[] payload = new byte[rnd.nextInt(i % 7 == 0 ? 70_000 : 300)];
            rnd.nextBytes(payload);
            boolean valid = rnd.nextBoolean();
            PacketRecord p = new PacketRecord(rnd.nextBoolean() ? Direction.HOST_TO_CAM : Direction.CAM_TO_HOST,
                    rnd.nextLong() >>> 1, rnd.nextInt(256), rnd.nextInt(32), rnd.nextInt(256), rnd.nextInt(256),
                    rnd.nextInt(65536), valid ? payload : new byte[0], valid ? null : InvalidReason.values()[i % 4],
                    i % 3 == 0 ? null : rnd.nextBoolean(), valid ? new byte[0] : payload, rnd.nextInt(5000));
            Map<String, Object> decoded = ArchiveCodec.decode(Topics.ENCODING_CBOR, p.toCbor());
            PacketRecord back = PacketRecord.fromMap(decoded);
            assertEquals(p.dir(), back.dir());
            assertEquals(p.offset(), back.offset());
            assertEquals(p.seq(), back.seq());
            assertEquals(p.reason(), back.reason());
            assertEquals(p.seqOk(), back.seqOk());
            assertArrayEquals(p.payload(), back.payload());
            assertArrayEquals(p.raw(), back.raw());
            assertEquals(p.toMap().keySet(), decoded.keySet(), "the fields toMap() documents");
        }
    }

    @Test
    void channelDataAndFramesRoundTrip() {
        ChannelData d = new ChannelData(7, "telemetry ü", -5, new byte[] {1, 2, 3});
        ChannelData back = ChannelData.fromMap(ArchiveCodec.decode(Topics.ENCODING_CBOR, d.toCbor()));
        assertEquals(d.channel(), back.channel());
        assertEquals(-5, back.offset());
        assertArrayEquals(d.data(), back.data());
        FrameRecord f = new FrameRecord(3, "stream", 320, 240, 0x06060000L, "jpeg", new byte[300]);
        FrameRecord fb = FrameRecord.fromMap(ArchiveCodec.decode(Topics.ENCODING_CBOR, f.toCbor()));
        assertEquals(f.width(), fb.width());
        assertEquals(f.pixformat(), fb.pixformat());
        assertEquals("jpeg", fb.format());
        assertEquals(300, fb.data().length);
    }

    @Test
    void textOfEveryShortLengthRoundTrips() {
        StringBuilder name = new StringBuilder();
        for (int len = 0; len < 40; len++) {
            ChannelData d = new ChannelData(4, name.toString(), 0, new byte[0]);
            assertEquals(name.toString(), ChannelData.fromMap(ArchiveCodec.decode(Topics.ENCODING_CBOR, d.toCbor())).channel());
            name.append(len % 2 == 0 ? 'a' : '~');
        }
    }
}
