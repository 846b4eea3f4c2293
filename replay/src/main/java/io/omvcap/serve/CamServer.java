package io.omvcap.serve;

import io.omvcap.device.CamClock;
import io.omvcap.device.CamOutput;
import io.omvcap.device.ProtocolEngine;
import io.omvcap.link.ByteLink;
import io.omvcap.payload.ProtocolStats;
import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Runs a cam engine on its own thread behind a {@link CamTransport}: reads host bytes with a short
 * timeout and feeds them to the engine, ticks the engine's timers every couple of milliseconds
 * (the cam keeps running with no host attached), writes the engine's packets to the host, and
 * reports status. A new host after a disconnect gets a fresh protocol session.
 */
public final class CamServer implements Closeable {
    /** Read timeout and idle tick period (of every served cam: simulated and replayed). */
    public static final int POLL_MS = 2;
    /**
     * After traffic, keep polling without sleeping this long to catch the host's next packet fast.
     * Short: on a small machine a longer spin takes the core the host (or a tap between) needs.
     */
    public static final long SPIN_NANOS = 50_000;

    private final CamTransport transport;
    private final ProtocolEngine engine;
    private final StatusListener listener;
    private final long statusIntervalMs;
    private final Thread thread;
    private final byte[] in = new byte[64 * 1024];
    private volatile boolean running = true;
    private volatile ServerStatus status;
    private ByteLink link;
    private boolean hostPresent;
    /** Host bytes the engine could not take yet (its receive buffer was full). */
    private byte[] pending = new byte[0];
    private int pendingOff;
    private int pendingLen;
    private long bytesIn;
    private long bytesOut;
    private long packetsOut;
    private long sessions;
    private String failure;

    /**
     * Builds the cam with {@code camFactory} (given the server's clock and output) and starts
     * serving it on {@code transport}. {@code statusIntervalMs} ≤ 0 reports only on changes.
     */
    public CamServer(CamTransport transport, BiFunction<CamClock, CamOutput, ProtocolEngine> camFactory,
            StatusListener listener, long statusIntervalMs) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.statusIntervalMs = statusIntervalMs;
        this.engine = camFactory.apply(CamClock.system(), this::write);
        this.status = snapshot();
        this.thread = new Thread(this::loop, "omvcap-cam " + transport.describe());
        thread.setDaemon(true);
        thread.start();
    }

    /** Where hosts connect. */
    public String endpoint() {
        return transport.describe();
    }

    /** The latest status snapshot. */
    public ServerStatus status() {
        return status;
    }

    /** Whether the serving thread is still running. */
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    /** Stops serving, waits for the thread, closes the transport. */
    @Override
    public void close() throws IOException {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }

    private void loop() {
        long nextStatus = System.nanoTime();
        long spinUntil = 0;
        try {
            while (running) {
                if (link == null) {
                    link = transport.accept(POLL_MS);
                    if (link != null) {
                        attached();
                    }
                    engine.tick();
                } else {
                    transport.refuseOthers();
                    if (pendingLen > 0) {
                        int n = engine.receive(pending, pendingOff, pendingLen);
                        pendingOff += n;
                        pendingLen -= n;
                    } else {
                        int n = link.read(in, 0, in.length, System.nanoTime() < spinUntil ? 0 : POLL_MS);
                        if (n < 0) {
                            detached();
                            continue;
                        }
                        if (n > 0) {
                            bytesIn += n;
                            spinUntil = System.nanoTime() + SPIN_NANOS;
                            if (!hostPresent) {
                                hostPresent = true;
                                engine.setTransportActive(true);
                                publish();
                            }
                            int taken = engine.receive(in, 0, n);
                            if (taken < n) {
                                pending = Arrays.copyOfRange(in, taken, n);
                                pendingOff = 0;
                                pendingLen = n - taken;
                            }
                        } else {
                            Thread.onSpinWait();
                        }
                    }
                    engine.tick();
                }
                if (statusIntervalMs > 0 && System.nanoTime() >= nextStatus) {
                    nextStatus = System.nanoTime() + statusIntervalMs * 1_000_000L;
                    publish();
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            running = false;
            if (link != null) {
                closeQuietly(link);
            }
            publish();
        }
    }

    private void attached() {
        sessions++;
        pendingLen = 0;
        engine.resetSession();
        hostPresent = !transport.presentOnInput();
        engine.setTransportActive(hostPresent);
        publish();
    }

    private void detached() {
        engine.setTransportActive(false);
        hostPresent = false;
        closeQuietly(link);
        link = null;
        publish();
    }

    private boolean write(byte[] buf, int off, int len) {
        ByteLink l = link;
        if (l == null || !hostPresent) {
            return false;
        }
        try {
            l.write(buf, off, len);
            bytesOut += len;
            packetsOut++;
            return true;
        } catch (IOException e) {
            if (transport.presentOnInput()) {
                // nobody is reading the terminal: the host went away; wait for its next byte
                hostPresent = false;
                engine.setTransportActive(false);
                publish();
            } else {
                detached();
            }
            return false;
        }
    }

    private void publish() {
        status = snapshot();
        try {
            listener.onStatus(status);
        } catch (RuntimeException e) {
            // a listener's problem is not the cam's
        }
    }

    private ServerStatus snapshot() {
        ProtocolStats stats = engine.stats();
        return new ServerStatus(transport.describe(), link != null && hostPresent ? link.describe() : null, bytesIn,
                bytesOut, stats.receivedPackets(), packetsOut, sessions, stats, running, failure);
    }

    private static void closeQuietly(ByteLink l) {
        try {
            l.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
