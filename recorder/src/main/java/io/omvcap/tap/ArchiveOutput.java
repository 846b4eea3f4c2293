package io.omvcap.tap;

import io.omvcap.archive.ChannelData;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.EventRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.record.SegmentedArchive;

/**
 * What the tracked conversation produced, into the recording: reads, writes, events and device
 * facts as a host-mode recording holds them; an unpaired answer as an {@code error} lifecycle event
 * (so it counts in the protocol health) and in the live stats; an unanswered request in the stats.
 */
final class ArchiveOutput implements ExchangeTracker.Output {
    private final SegmentedArchive archive;

    ArchiveOutput(SegmentedArchive archive) {
        this.archive = archive;
    }

    @Override
    public void read(long nanoTime, ChannelData read) {
        archive.read(nanoTime, read);
    }

    @Override
    public void write(long nanoTime, ChannelData written) {
        archive.write(nanoTime, written);
    }

    @Override
    public void event(long nanoTime, EventRecord event) {
        archive.event(nanoTime, event);
    }

    @Override
    public void device(long nanoTime, DeviceFacts facts) {
        archive.device(nanoTime, facts);
    }

    @Override
    public void lifecycle(long nanoTime, LifecycleEvent event) {
        archive.lifecycle(nanoTime, event);
    }

    @Override
    public void unpaired(long nanoTime, String what) {
        archive.unpaired();
        archive.lifecycle(nanoTime, LifecycleEvent.of(LifecycleKind.ERROR, "unpaired: " + what));
    }

    @Override
    public void unanswered(long nanoTime, String what) {
        archive.unanswered();
    }
}
