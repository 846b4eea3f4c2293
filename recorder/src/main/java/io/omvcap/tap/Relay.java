package io.omvcap.tap;

import io.omvcap.link.ByteLink;
import io.omvcap.tap.ChunkQueue.Item;
import io.omvcap.tap.ChunkQueue.Kind;
import io.omvcap.transport.LineControl;
import io.omvcap.wire.Direction;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.LockSupport;

/**
 * The two forwarding threads of a tap. Each reads one side, hands a copy of the chunk to the
 * archive thread ({@link ChunkQueue}) and writes it, unchanged and at once, to the other side; a
 * chunk is queued before it is forwarded, so the archive sees a request before its answer. The
 * host-to-cam thread also waits for hosts, notices when they leave and passes their line settings
 * on; the cam-to-host thread notices when the cam is lost. Neither ever originates a byte.
 */
final class Relay implements AutoCloseable {
    /** Longest read wait: how soon a thread notices a stop or a changed link. */
    private static final int READ_WAIT_MS = 100;
    private static final int HOST_WAIT_MS = 50;
    private static final long LINE_CHECK_NANOS = 100_000_000L;
    private static final int BUFFER = 64 * 1024;
    private final HostEndpoint endpoint;
    private final ChunkQueue queue;
    private final LatencyHistogram[] latency = {new LatencyHistogram(), new LatencyHistogram()};
    private final Object hostLock = new Object();
    private final Thread camToHost;
    private final Thread hostToCam;
    private volatile boolean running = true;
    private volatile ByteLink cam;
    /** The link taken out of service when it was lost, closed by {@link #dropCam()}. */
    private ByteLink lostCam;
    private volatile long generation;
    private volatile ByteLink host;
    private volatile String failure;

    Relay(HostEndpoint endpoint, ChunkQueue queue) {
        this.endpoint = endpoint;
        this.queue = queue;
        camToHost = new Thread(this::camToHostLoop, "omvcap-tap c2h");
        hostToCam = new Thread(this::hostToCamLoop, "omvcap-tap h2c");
        camToHost.setDaemon(true);
        hostToCam.setDaemon(true);
        camToHost.setPriority(Thread.MAX_PRIORITY);
        hostToCam.setPriority(Thread.MAX_PRIORITY);
    }

    /** Starts forwarding over {@code link} to the cam. */
    void start(ByteLink link) {
        useCam(link);
        camToHost.start();
        hostToCam.start();
    }

    /** Forwarding latency (read returned to write returned) of one direction. */
    LatencyHistogram latency(Direction dir) {
        return latency[dir.ordinal()];
    }

    /** Why a forwarding thread stopped on its own, or null. */
    String failure() {
        return failure;
    }

    /** Whether a host is attached. */
    boolean hostAttached() {
        return host != null;
    }

    /** Puts a (re)opened cam link in service; its modem lines follow the host's presence. */
    void useCam(ByteLink link) {
        synchronized (hostLock) {
            generation++;
            cam = link;
            modemLines(host != null);
        }
    }

    /** Takes the cam link out of service and closes it (after it was lost). */
    void dropCam() {
        ByteLink c;
        ByteLink l;
        synchronized (hostLock) {
            c = cam;
            l = lostCam;
            cam = null;
            lostCam = null;
        }
        closeQuietly(c);
        closeQuietly(l);
    }

    /** Ends the attached host's time (the endpoint was hung up); returns whether one was attached. */
    boolean forgetHost() {
        synchronized (hostLock) {
            boolean was = host != null;
            host = null;
            return was;
        }
    }

    /** Asks both threads to stop; each notices within a read wait. */
    void requestStop() {
        running = false;
    }

    /** Whether a forwarding thread still runs. */
    boolean alive() {
        return camToHost.isAlive() || hostToCam.isAlive();
    }

    /** Stops both threads and waits for them (the queue must be drained meanwhile if it may be full). */
    @Override
    public void close() {
        running = false;
        for (Thread t : new Thread[] {camToHost, hostToCam}) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void camToHostLoop() {
        byte[] buf = new byte[BUFFER];
        try {
            while (running) {
                ByteLink c = cam;
                long gen = generation;
                if (c == null) {
                    LockSupport.parkNanos(2_000_000);
                    continue;
                }
                int n;
                try {
                    n = c.read(buf, 0, buf.length, READ_WAIT_MS);
                } catch (IOException e) {
                    lost(gen, "read from " + c.describe() + " failed: " + e.getMessage());
                    continue;
                }
                if (n < 0) {
                    lost(gen, c.describe() + " closed");
                    continue;
                }
                if (n == 0) {
                    continue;
                }
                long t = System.nanoTime();
                queue.put(Item.chunk(Direction.CAM_TO_HOST, t, buf, 0, n));
                ByteLink h = host;
                if (h != null) {
                    try {
                        h.write(buf, 0, n);
                        latency[Direction.CAM_TO_HOST.ordinal()].record(System.nanoTime() - t);
                    } catch (IOException e) {
                        // the host stopped reading or left; its thread sees the end and reports it
                    }
                }
            }
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = "cam-to-host forwarding failed: " + e;
        }
    }

    private void hostToCamLoop() {
        byte[] buf = new byte[BUFFER];
        long nextLineCheck = 0;
        int baud = -1;
        try {
            while (running) {
                ByteLink h = host;
                if (h == null) {
                    h = endpoint.awaitHost(HOST_WAIT_MS);
                    if (h != null) {
                        baud = endpoint.hostBaudRate();
                        attached(h, baud);
                    }
                    continue;
                }
                int n;
                try {
                    n = h.read(buf, 0, buf.length, READ_WAIT_MS);
                } catch (IOException e) {
                    n = -1;
                }
                if (n < 0) {
                    detached(h);
                    continue;
                }
                long now = System.nanoTime();
                if (now - nextLineCheck >= 0) {
                    nextLineCheck = now + LINE_CHECK_NANOS;
                    endpoint.refuseOthers();
                    baud = lineCheck(baud);
                }
                if (n == 0) {
                    continue;
                }
                long t = System.nanoTime();
                queue.put(Item.chunk(Direction.HOST_TO_CAM, t, buf, 0, n));
                ByteLink c = cam;
                long gen = generation;
                if (c != null) {
                    try {
                        c.write(buf, 0, n);
                        latency[Direction.HOST_TO_CAM.ordinal()].record(System.nanoTime() - t);
                    } catch (IOException e) {
                        lost(gen, "write to " + c.describe() + " failed: " + e.getMessage());
                    }
                }
            }
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            failure = "host-to-cam forwarding failed: " + e;
        }
    }

    private void attached(ByteLink h, int baud) throws InterruptedIOException {
        // announced before the first byte forwarded to it can be queued
        queue.put(Item.marker(Kind.HOST_OPENED, System.nanoTime(),
                h.describe() + (baud > 0 ? " at " + baud + " baud" : ""), 0));
        applyBaud(baud);
        synchronized (hostLock) {
            host = h;
            modemLines(true);
        }
    }

    private void detached(ByteLink h) throws InterruptedIOException {
        boolean reported;
        synchronized (hostLock) {
            reported = host == h; // not when the tap itself hung the host up
            if (reported) {
                host = null;
                modemLines(false);
            }
        }
        if (reported) {
            queue.put(Item.marker(Kind.HOST_CLOSED, System.nanoTime(), h.describe(), 0));
        }
    }

    /** Passes a changed baud rate of the host's side on to the cam's port. */
    private int lineCheck(int baud) throws InterruptedIOException {
        int now = endpoint.hostBaudRate();
        if (now > 0 && now != baud) {
            String applied = applyBaud(now);
            queue.put(Item.marker(Kind.LINE, System.nanoTime(), "host set " + now + " baud" + applied, 0));
            return now;
        }
        return baud;
    }

    private String applyBaud(int baud) {
        if (baud > 0 && cam instanceof LineControl lc && lc.baudRate() != baud) {
            return lc.setBaudRate(baud) ? "; applied to the cam's port" : "; the cam's port refused it";
        }
        return "";
    }

    /** Modem lines of the cam's port follow the host: up while one has the link open. Call under hostLock. */
    private void modemLines(boolean up) {
        if (cam instanceof LineControl lc) {
            lc.setModemLines(up);
        }
    }

    private void lost(long gen, String reason) throws InterruptedIOException {
        synchronized (hostLock) {
            if (gen != generation || cam == null) {
                return; // already reported, or a link that is no longer in service
            }
            lostCam = cam;
            cam = null;
        }
        queue.put(Item.marker(Kind.CAM_LOST, System.nanoTime(), reason, gen));
    }

    private static void closeQuietly(ByteLink link) {
        if (link != null) {
            try {
                link.close();
            } catch (IOException e) {
                // going away anyway
            }
        }
    }
}
