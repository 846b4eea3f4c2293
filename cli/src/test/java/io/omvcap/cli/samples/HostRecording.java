package io.omvcap.cli.samples;

import io.omvcap.OmvcapVersion;
import io.omvcap.archive.ChannelData;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.EventRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionWriter;
import io.omvcap.archive.SessionWriterOptions;
import io.omvcap.host.Camera;
import io.omvcap.host.CameraEvent;
import io.omvcap.host.CameraException;
import io.omvcap.host.Lifecycle;
import io.omvcap.host.SessionListener;
import io.omvcap.link.TapListener;
import io.omvcap.wire.Direction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Records what a scripted Java host does into a host-side session archive, the way the recorder
 * archives a session (bytes, framing, reads, writes, events, lifecycle, device facts), for tests
 * and sample sessions whose host is a fixed program rather than the polling recorder.
 */
public final class HostRecording implements TapListener, SessionListener, AutoCloseable {
    private final SessionWriter writer;

    /** Starts {@code file} for a session on {@code port}. */
    public HostRecording(Path file, String port, String mode) throws IOException {
        SessionFacts facts = new SessionFacts(OmvcapVersion.get(), mode, port, 0, SessionClock.startNow(), 0, "",
                Map.of());
        writer = SessionWriter.create(file, SessionWriterOptions.DEFAULTS, facts);
        writer.lifecycle(System.nanoTime(), LifecycleEvent.of(LifecycleKind.START, "scripted host on " + port));
    }

    /** Taps {@code camera} (before it connects). */
    public Camera attach(Camera camera) {
        camera.addTap(this);
        camera.addSessionListener(this);
        return camera;
    }

    /** Writes the device facts the camera knows now. */
    public void device(Camera camera) throws CameraException {
        DeviceFacts f = new DeviceFacts(camera.version(), camera.sysInfo(), camera.caps(), camera.channels());
        run(() -> writer.device(System.nanoTime(), f));
    }

    /** Writes a lifecycle event of the script itself. */
    public void lifecycle(LifecycleEvent e) {
        run(() -> writer.lifecycle(System.nanoTime(), e));
    }

    @Override
    public void onBytes(Direction direction, byte[] buf, int off, int len, long nanoTime) {
        run(() -> writer.wire(direction, nanoTime, buf, off, len));
    }

    @Override
    public void onFraming(boolean crc, int maxPayload, long nanoTime) {
        run(() -> writer.framing(crc, maxPayload));
    }

    @Override
    public void onRead(int channelId, String channelName, long offset, byte[] data, long nanoTime) {
        run(() -> writer.read(nanoTime, new ChannelData(channelId, channelName, offset, data)));
    }

    @Override
    public void onWrite(int channelId, String channelName, long offset, byte[] data, long nanoTime) {
        run(() -> writer.write(nanoTime, new ChannelData(channelId, channelName, offset, data)));
    }

    @Override
    public void onEvent(CameraEvent event) {
        run(() -> writer.event(event.nanoTime(), EventRecord.of(event.event(), event.channelName())));
    }

    @Override
    public void onLifecycle(Lifecycle kind, String detail, long nanoTime) {
        if (kind == Lifecycle.CONNECTING) {
            run(writer::connection);
        }
        LifecycleKind k = switch (kind) {
            case CONNECTED -> LifecycleKind.CONNECT;
            case RESYNC -> "connect".equals(detail) ? null : LifecycleKind.RESYNC;
            case SOFT_REBOOT -> LifecycleKind.SOFT_REBOOT;
            case DISCONNECTED -> LifecycleKind.DISCONNECT;
            case RETRY -> LifecycleKind.ERROR;
            default -> null;
        };
        if (k != null) {
            run(() -> writer.lifecycle(nanoTime, LifecycleEvent.of(k, detail)));
        }
    }

    private interface Action {
        void run() throws IOException;
    }

    private static void run(Action a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        writer.lifecycle(System.nanoTime(), LifecycleEvent.of(LifecycleKind.STOP, "script done"));
        writer.close();
    }
}
