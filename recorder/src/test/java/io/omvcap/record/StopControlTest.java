package io.omvcap.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StopControlTest {
    @Test
    void aRequestEndsTheRecordingAsStopped() {
        StopControl stop = new StopControl();
        stop.startClock(null);
        assertFalse(stop.due());
        stop.request();
        assertTrue(stop.due());
        assertEquals("stopped", stop.reason());
    }

    @Test
    void theDurationRunningOutIsItsOwnReasonAndAReasonGivenBeforeStays() throws InterruptedException {
        StopControl stop = new StopControl();
        stop.startClock(Duration.ofMillis(1));
        Thread.sleep(5);
        assertTrue(stop.due());
        assertEquals("duration reached", stop.reason());

        StopControl guarded = new StopControl();
        guarded.startClock(null);
        guarded.end("disk space below 1 GB");
        guarded.request();
        assertTrue(guarded.due());
        assertEquals("disk space below 1 GB", guarded.reason());
    }

    @Test
    void anInterruptIsAStopRequestReassertedOnlyAtTheEnd() {
        StopControl stop = new StopControl();
        stop.startClock(null);
        Thread.currentThread().interrupt();
        assertTrue(stop.asked());
        assertFalse(Thread.currentThread().isInterrupted(), "cleared while the recording finishes");
        assertTrue(stop.due());
        stop.reassertInterrupt();
        assertTrue(Thread.interrupted(), "re-asserted at the end");
    }

    @Test
    void withoutAnInterruptNothingIsReasserted() {
        StopControl stop = new StopControl();
        stop.request();
        stop.reassertInterrupt();
        assertFalse(Thread.interrupted());
        assertEquals("stopped", stop.reason());
    }
}
