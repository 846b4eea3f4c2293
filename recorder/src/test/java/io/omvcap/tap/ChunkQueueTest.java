package io.omvcap.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.tap.ChunkQueue.Item;
import io.omvcap.wire.Direction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hand-over from the forwarding threads to the archive thread: in order, copied, bounded. */
@Timeout(30)
class ChunkQueueTest {
    @Test
    void itemsComeOutInOrderAsCopies() throws Exception {
        ChunkQueue q = new ChunkQueue(1 << 20);
        byte[] buf = {1, 2, 3, 4, 5};
        q.put(Item.chunk(Direction.HOST_TO_CAM, 10, buf, 1, 3));
        buf[1] = 99;
        q.put(Item.marker(ChunkQueue.Kind.HOST_CLOSED, 11, "gone", 0));
        Item first = q.poll(0);
        assertArrayEquals(new byte[] {2, 3, 4}, first.data(), "a copy, taken when it was put");
        assertEquals(ChunkQueue.Kind.HOST_CLOSED, q.poll(0).kind());
        long start = System.nanoTime();
        assertNull(q.poll(30));
        assertTrue(System.nanoTime() - start >= 25_000_000L, "waited for the timeout");
    }

    @Test
    void aFullQueueMakesForwardingWaitInsteadOfLosingData() throws Exception {
        ChunkQueue q = new ChunkQueue(100);
        q.put(Item.chunk(Direction.CAM_TO_HOST, 1, new byte[80], 0, 80));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try {
                q.put(Item.chunk(Direction.CAM_TO_HOST, 2, new byte[80], 0, 80));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertTrue(!second.isDone(), "waits while the archive is behind");
        assertEquals(1, q.poll(0).nanoTime());
        second.get(5, TimeUnit.SECONDS);
        assertEquals(2, q.poll(1000).nanoTime());
        assertEquals(1, q.waits());
        q.put(Item.chunk(Direction.CAM_TO_HOST, 3, new byte[500], 0, 500));
        assertEquals(500, q.poll(0).data().length, "a chunk larger than the bound still passes alone");
    }
}
