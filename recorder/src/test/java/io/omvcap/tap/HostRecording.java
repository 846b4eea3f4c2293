package io.omvcap.tap;

import io.omvcap.OmvcapVersion;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import io.omvcap.host.Camera;
import io.omvcap.host.CameraException;
import io.omvcap.record.ArchiveSink;
import io.omvcap.record.RecorderStats;
import io.omvcap.record.SegmentedArchive;
import io.omvcap.record.StorageOptions;
import java.io.IOException;
import java.nio.file.Path;

/** A host-mode recording of whatever a {@link Camera} does, through the recorder's own sink. */
final class HostRecording {
    private final SegmentedArchive archive;
    private final Path file;

    HostRecording(Path file) throws IOException {
        this.file = file;
        archive = new SegmentedArchive(StorageOptions.defaults(file), new RecorderStats(), line -> { });
        archive.prepare();
        archive.start(new SessionFacts(OmvcapVersion.get(), "host", file.toString(), 0, SessionClock.startNow(), 0, "",
                null));
    }

    /** Records everything {@code camera} sees from now on. */
    void attach(Camera camera) {
        ArchiveSink sink = new ArchiveSink(archive);
        camera.addTap(sink);
        camera.addSessionListener(sink);
    }

    /** The device facts, as the recorder writes them after a connect. */
    void device(Camera camera) throws CameraException {
        archive.device(System.nanoTime(), new DeviceFacts(camera.version(), camera.sysInfo(), camera.caps(),
                camera.channels()));
    }

    /** Finishes the archive and returns its file. */
    Path finish() {
        archive.finish(LifecycleEvent.of(LifecycleKind.STOP, "done"));
        return file;
    }
}
