package io.omvcap.replay;

import io.omvcap.link.ByteLink;
import io.omvcap.replay.fault.FaultInjector;
import io.omvcap.serve.CamServer;
import java.io.IOException;
import java.util.Arrays;

/**
 * The serving thread of a replay: accepts hosts, feeds their bytes to the cam, sends the cam's
 * packets through the fault injector, replays hang-ups (closing the link and offering a new one
 * after the recorded gap), and notes when the recording is finished.
 */
final class ServeLoop implements Runnable {
    private static final int POLL_MS = CamServer.POLL_MS;
    private static final long SPIN_NANOS = CamServer.SPIN_NANOS;
    private static final long FINISH_CHECK_NANOS = 50_000_000L;
    private static final long FLUSH_NANOS = 200_000_000L;

    private final ReplayCam cam;
    private final ReplayStats stats;
    private final Connector connector;
    private final FaultInjector faults;
    private final HostSessionRecorder recorder;
    private final ReplayListener listener;
    private final Runnable status;
    private final byte[] in = new byte[64 * 1024];
    private volatile boolean running = true;
    private volatile boolean finished;
    private volatile String failure;
    private volatile String host;
    private ByteLink link;
    private boolean hostPresent;
    private boolean linkUsed;
    private byte[] pending = new byte[0];
    private int pendingOff;
    private int pendingLen;
    private long reconnectAt;
    private boolean rearmPending;

    ServeLoop(ReplayCam cam, ReplayStats stats, Connector connector, FaultInjector faults,
            HostSessionRecorder recorder, ReplayListener listener, Runnable status) {
        this.cam = cam;
        this.stats = stats;
        this.connector = connector;
        this.faults = faults;
        this.recorder = recorder;
        this.listener = listener;
        this.status = status;
    }

    /** Asks the loop to stop. */
    void stop() {
        running = false;
    }

    boolean running() {
        return running;
    }

    boolean finished() {
        return finished;
    }

    String failure() {
        return failure;
    }

    String host() {
        return host;
    }

    /** The engine's output: through the fault injector to the link. */
    boolean camWrite(byte[] buf, int off, int len) {
        ByteLink l = link;
        if (l == null || !hostPresent) {
            return false;
        }
        boolean ok = faults.send(buf, off, len, this::linkWrite);
        if (recorder != null) {
            recorder.camPacket(buf, off, len);
        }
        return ok;
    }

    private boolean linkWrite(byte[] buf, int off, int len) {
        ByteLink l = link;
        if (l == null) {
            return false;
        }
        try {
            l.write(buf, off, len);
            if (recorder != null) {
                recorder.camBytes(buf, off, len);
            }
            return true;
        } catch (IOException e) {
            if (connector.transport().presentOnInput()) {
                hostPresent = false;
                cam.engine().setTransportActive(false);
            } else {
                detached("write failed: " + e.getMessage(), 0, true);
            }
            return false;
        }
    }

    @Override
    public void run() {
        long spinUntil = 0;
        long nextFinishCheck = 0;
        long nextFlush = System.nanoTime() + FLUSH_NANOS;
        try {
            while (running) {
                long now = System.nanoTime();
                if (link == null) {
                    if (rearmPending && now >= reconnectAt) {
                        rearmPending = false;
                        rearm();
                    }
                    if (now >= reconnectAt) {
                        link = connector.transport().accept(POLL_MS);
                        if (link != null) {
                            attached();
                        }
                    } else {
                        Thread.sleep(POLL_MS);
                    }
                } else {
                    connector.transport().refuseOthers();
                    spinUntil = readHost(spinUntil);
                }
                cam.tick();
                if (!faults.pump(this::linkWrite) && link != null && !connector.transport().presentOnInput()) {
                    detached("write failed", 0, true);
                }
                long hangUp = cam.takeHangUp();
                if (faults.disconnectDue() && hangUp < 0) {
                    hangUp = 0;
                }
                if (hangUp >= 0) {
                    stats.hangUp();
                    hangUp(hangUp);
                }
                if (cam.endWanted()) {
                    detached("strict replay ended the session", 0, false);
                    running = false;
                }
                if (now >= nextFinishCheck) {
                    nextFinishCheck = now + FINISH_CHECK_NANOS;
                    finished = cam.finished();
                    status.run();
                }
                if (recorder != null && now >= nextFlush) {
                    nextFlush = now + FLUSH_NANOS;
                    recorder.flushIfDue();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            Throwable t = e.getCause() instanceof IOException io ? io : e;
            failure = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        } finally {
            running = false;
            if (link != null) {
                closeQuietly(link);
                link = null;
            }
            status.run();
        }
    }

    private long readHost(long spinUntil) throws IOException {
        if (pendingLen > 0) {
            int n = cam.engine().receive(pending, pendingOff, pendingLen);
            pendingOff += n;
            pendingLen -= n;
            return spinUntil;
        }
        int n = link.read(in, 0, in.length, System.nanoTime() < spinUntil ? 0 : POLL_MS);
        if (n < 0) {
            detached("the host closed the link", 0, true);
            return spinUntil;
        }
        if (n == 0) {
            Thread.onSpinWait();
            return spinUntil;
        }
        if (!linkUsed) {
            linkUsed = true;
            cam.hostConnected();
        }
        if (!hostPresent) {
            hostPresent = true;
            cam.engine().setTransportActive(true);
            host = link.describe();
            listener.host(host);
        }
        if (recorder != null) {
            recorder.hostBytes(in, 0, n);
        }
        int taken = cam.engine().receive(in, 0, n);
        if (taken < n) {
            pending = Arrays.copyOfRange(in, taken, n);
            pendingOff = 0;
            pendingLen = n - taken;
        }
        return System.nanoTime() + SPIN_NANOS;
    }

    private void attached() {
        pendingLen = 0;
        linkUsed = false;
        faults.start();
        cam.hostAttached();
        hostPresent = !connector.transport().presentOnInput();
        cam.engine().setTransportActive(hostPresent);
        if (hostPresent) {
            host = link.describe();
            listener.host(host);
        }
        if (recorder != null) {
            recorder.connected(link.describe());
        }
    }

    /**
     * The link is gone (the host left, {@code byHost}, or the cam hung up); the cam is offered again
     * after {@code gapNanos}: a pseudo-terminal vanishes for the gap, like an unplugged USB cam, then
     * a new one appears behind the symlink (with no gap it replaces the old one before that goes, so
     * the symlink never dangles).
     */
    private void detached(String why, long gapNanos, boolean byHost) {
        cam.engine().setTransportActive(false);
        if (byHost) {
            cam.hostLeft();
        }
        hostPresent = false;
        host = null;
        if (gapNanos <= 0 && !(byHost && connector.transport().takesNextHost())) {
            rearm();
        }
        if (link != null) {
            closeQuietly(link);
            link = null;
        }
        rearmPending = gapNanos > 0;
        reconnectAt = System.nanoTime() + Math.max(0, gapNanos);
        faults.dropHeld();
        listener.host(null);
        if (recorder != null) {
            recorder.disconnected(why, byHost);
        }
    }

    private void hangUp(long gapNanos) {
        detached("hang-up", gapNanos, false);
    }

    private void rearm() {
        try {
            connector.rearm();
        } catch (IOException e) {
            failure = "cannot offer the cam again after a disconnect: " + e.getMessage();
            running = false;
        }
    }

    private static void closeQuietly(ByteLink l) {
        try {
            l.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
