package io.omvcap.record;

import io.omvcap.device.CamOutput;
import io.omvcap.serve.CamServer;
import io.omvcap.serve.PtyTransport;
import io.omvcap.serve.StatusListener;
import io.omvcap.sim.SimCam;
import io.omvcap.sim.SimConfig;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A simulated cam behind a real pseudo-terminal at a fixed symlink, with a cable that can be pulled
 * and a firmware that can misbehave. {@link #unplug()} closes the terminal (its device node and the
 * symlink vanish, a host's reads end); {@link #plug()} makes a new terminal at the same symlink with
 * a freshly booted cam. While plugged, the cam may be {@link Mode#SILENT} (the port stays, nothing
 * answers) or answer {@link Mode#GARBAGE} (every packet it sends is replaced by random bytes of the
 * same length). Every change returns the {@link System#nanoTime()} reading taken just before it, so
 * a test can compare the archive's gaps with what really happened.
 */
final class PluggableCam implements Closeable {
    /** What the plugged-in cam does with its answers. */
    enum Mode { ANSWER, SILENT, GARBAGE }

    private final Path link;
    private final SimConfig config;
    private final SplittableRandom noise;
    private volatile Mode mode = Mode.ANSWER;
    private CamServer server;
    private long boots;

    PluggableCam(Path link, SimConfig config, long seed) {
        this.link = link;
        this.config = config;
        this.noise = new SplittableRandom(seed);
    }

    /** The port path hosts open. */
    String port() {
        return link.toString();
    }

    /** Cams booted so far. */
    long boots() {
        return boots;
    }

    /** Connects a freshly booted cam; returns the time just before its port appeared. */
    synchronized long plug() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already plugged in");
        }
        long at = System.nanoTime();
        PtyTransport pty = new PtyTransport(link);
        mode = Mode.ANSWER;
        server = new CamServer(pty, (clock, out) -> new SimCam(config, clock, filter(out)).engine(),
                StatusListener.NONE, 0);
        boots++;
        return at;
    }

    /**
     * When a change of the cam began and when it had taken effect ({@link System#nanoTime()}): a
     * host may see it anywhere in between.
     */
    record Change(long began, long done) {
    }

    /** Pulls the cable: the cam stops, then its port vanishes. */
    synchronized Change unplug() throws IOException {
        if (server == null) {
            throw new IllegalStateException("not plugged in");
        }
        long began = System.nanoTime();
        server.close();
        server = null;
        long done = System.nanoTime();
        if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException(link + " still exists after the unplug");
        }
        return new Change(began, done);
    }

    /** Switches what the cam sends from now on. */
    Change mode(Mode m) {
        long began = System.nanoTime();
        mode = m;
        return new Change(began, System.nanoTime());
    }

    private CamOutput filter(CamOutput out) {
        return (buf, off, len) -> switch (mode) {
            case ANSWER -> out.write(buf, off, len);
            case SILENT -> true;
            case GARBAGE -> {
                byte[] junk = new byte[len];
                synchronized (noise) {
                    for (int i = 0; i < len; i++) {
                        junk[i] = (byte) noise.nextInt(256);
                    }
                }
                yield out.write(junk, 0, len);
            }
        };
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
