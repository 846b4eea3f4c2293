package io.omvcap.replay;

import io.omvcap.archive.DeviceFacts;
import io.omvcap.device.CamClock;
import io.omvcap.device.CamFirmware;
import io.omvcap.device.CamOutput;
import io.omvcap.device.ManualClock;
import io.omvcap.device.ProtocolEngine;
import io.omvcap.device.RequestHook;
import io.omvcap.device.ScriptControl;
import io.omvcap.payload.Caps;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.SystemEvent;
import io.omvcap.replay.fault.FaultInjector;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Status;
import io.omvcap.wire.WireFormat;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A recorded cam brought back: the firmware protocol stack ({@link CamFirmware}) with the recorded
 * version, sys info, caps and channels, whose channels serve the recorded payloads ({@link Player})
 * and which replays the recorded registrations, soft reboots, script starts, events and hang-ups
 * ({@link Cue}). How far the replay may go is decided per mode and speed: at {@link Speed#MAX} a
 * channel moves on when the host consumed its payload and a boundary is crossed once everything
 * before it was consumed (or the host stopped consuming, or asked for the reboot with stdin
 * STOP/EXEC); at a real-time speed things happen at their recorded times; in strict mode the
 * cam's events follow the position in the recorded request sequence. At MAX speed the cam's
 * clock stands still and everything happens while handling the host's requests, so the same
 * host requests get the same bytes back.
 */
final class ReplayCam implements RequestHook, ScriptControl, Closeable {
    /** Requests in a row without a payload consumed before a boundary is crossed anyway (MAX speed). */
    static final int IDLE_LIMIT = 16;
    /** How far ahead the recording is searched for the channel list that explains a registration. */
    static final long LOOKAHEAD_NANOS = 120_000_000_000L;

    private final Recording recording;
    private final ReplayOptions options;
    private final ReplayStats stats;
    private final ReplayListener listener;
    private final FaultInjector faults;
    private final CamFirmware firmware;
    private final ProtocolEngine engine;
    private final CueFeed cues;
    private final ChannelRoster roster;
    private final RecordedRequests recordedRequests;
    private final StrictMatcher matcher;
    private final boolean max;
    private long firstRequest = -1;
    private final ReplayClock clock;
    private int idle;
    private boolean crossNow;
    private boolean scriptAsked;
    private boolean lockRefused;
    private boolean inRequest;
    private int lastOpcode = -1;
    private int lastWriteChannel = -1;
    private boolean inProgress;
    private boolean hangUpWanted;
    private long reconnectDelay;
    private boolean endWanted;

    ReplayCam(Recording recording, ReplayOptions options, ReplayStats stats, CamOutput output, FaultInjector faults,
            ReplayListener listener) throws IOException {
        this.recording = recording;
        this.options = options;
        this.stats = stats;
        this.listener = listener;
        this.faults = faults;
        this.max = options.speed().max();
        this.cues = new CueFeed(recording);
        Cue first = cues.find(c -> c instanceof Cue.Device, LOOKAHEAD_NANOS);
        DeviceFacts facts = first instanceof Cue.Device d ? d.facts() : recording.lastDevice();
        Caps device = recording.deviceCaps();
        this.firmware = new CamFirmware(RecordedBoard.of(facts, device), RecordedBoard.engineOptions(max),
                max ? new ManualClock(0) : CamClock.system(), output);
        this.engine = firmware.engine();
        this.roster = new ChannelRoster(recording, firmware, stats, max);
        firmware.stdin().setControl(this);
        engine.setRequestHook(this);
        roster.start(facts, registrationsBefore(first));
        this.clock = new ReplayClock(options.speed().factor(), recording.startTime());
        if (options.mode() == ReplayMode.STRICT) {
            recordedRequests = new RecordedRequests(recording);
            matcher = new StrictMatcher(recordedRequests);
        } else {
            recordedRequests = null;
            matcher = null;
        }
    }

    /** How many channel registrations the recording shows before {@code device} (they are replayed with events). */
    private int registrationsBefore(Cue device) {
        int k = 0;
        for (Cue c : cues.buffered()) {
            if (c == device) {
                break;
            }
            if (c instanceof Cue.Registered) {
                k++;
            }
        }
        return k;
    }

    /** The protocol engine to feed host bytes to. */
    ProtocolEngine engine() {
        return engine;
    }

    // ---------------------------------------------------------------- serving loop

    /** Timers and real-time progress; called by the serving loop. */
    void tick() {
        if (!max && firstRequest >= 0) {
            progress();
        }
        engine.tick();
    }

    /** A new host link: a fresh protocol session. */
    void hostAttached() {
        engine.resetSession();
    }

    /** The host closed its link (an answer it got all of counts as delivered). */
    void hostLeft() {
        engine.hostLeft();
    }

    /** The first bytes came on a new link. */
    void hostConnected() {
        stats.connection();
    }

    /** Whether the recording asks the link to hang up now; returns the time until hosts may reconnect. */
    long takeHangUp() {
        if (!hangUpWanted) {
            return -1;
        }
        hangUpWanted = false;
        return reconnectDelay;
    }

    /** Whether strict mode ended the session (divergence policy END). */
    boolean endWanted() {
        return endWanted;
    }

    /** Whether every recorded payload and cue was served. */
    boolean finished() throws IOException {
        return cues.peek() == null && roster.done() && (matcher == null
                || matcher.dueTime(recording.startTime()) == Long.MAX_VALUE);
    }

    /** Requests matched so far (strict). */
    long matched() {
        return matcher == null ? 0 : matcher.matched();
    }

    /** Ends the comparison (strict) and counts what was never served. */
    void finish(long drainLimit) throws IOException {
        if (matcher != null) {
            matcher.finish(drainLimit);
        }
        roster.countLeftovers();
        stats.damaged(cues.damaged() + roster.damaged());
    }

    /** Recorded requests never made (strict). */
    StrictMatcher matcher() {
        return matcher;
    }

    // ---------------------------------------------------------------- request hook

    @Override
    public Status before(int channel, int opcode, byte[] buf, int off, int len) {
        long now = System.nanoTime();
        if (firstRequest < 0) {
            firstRequest = now;
            clock.start(now);
        }
        inRequest = true;
        lastOpcode = opcode;
        stats.request(opcode);
        if (opcode >= Opcode.CHANNEL_LOCK.code() && opcode <= Opcode.CHANNEL_EVENT.code()
                && engine.channel(channel) == null) {
            stats.unknownChannel(channel);
        }
        if (opcode == Opcode.CHANNEL_READ.code() && len >= 8) {
            roster.readRequested(channel, WireFormat.u32(buf, off), WireFormat.u32(buf, off + 4));
        }
        lockRefused = false;
        Status fault = faults.onRequest(opcode, channel, engine.sequence());
        if (matcher != null && !RequestCanon.dependsOnAnswer(opcode)) {
            Divergence d = compare(channel, opcode, buf, off, len, -1, false, now);
            if (d != null) {
                return fault != null ? fault : Status.FAILED;
            }
            HostRequest m = matcher.matchedNow();
            if (fault == null && m != null && m.answer() >= 0 && (opcode == Opcode.CHANNEL_WRITE.code()
                    || opcode == Opcode.CHANNEL_IOCTL.code())) {
                return Status.of(m.answer()); // refused as the recorded cam refused it
            }
        }
        return fault;
    }

    @Override
    public void after(int channel, int opcode, byte[] buf, int off, int len) {
        if (!inRequest) {
            // a SYNC the engine took while waiting for an ACK: a resync all the same
            stats.request(opcode);
            if (matcher != null) {
                compare(channel, opcode, buf, off, 0, -1, true, System.nanoTime());
            }
        }
        inRequest = false;
        if (matcher != null && RequestCanon.dependsOnAnswer(opcode)) {
            compare(channel, opcode, buf, off, len, lockRefused ? Status.BUSY.code() : -1, true, System.nanoTime());
        }
        String name = roster.nameOf(channel);
        if (opcode == Opcode.CHANNEL_WRITE.code() && len >= 8 && name != null) {
            int n = (int) Math.min(WireFormat.u32(buf, off + 4), len - 8);
            stats.write(name, WireFormat.u32(buf, off), buf, off + 8, n, lastWriteChannel == channel);
            lastWriteChannel = channel;
        } else {
            lastWriteChannel = -1;
        }
        if (opcode == Opcode.CHANNEL_IOCTL.code() && name != null) {
            stats.ioctl(name);
        }
        idle = roster.takeConsumed() ? 0 : idle + 1;
        if (scriptAsked) {
            scriptAsked = false;
            rebootAsked();
        }
        progress();
    }

    @Override
    public void delivered(int channel, int opcode, boolean nak) {
        if (opcode == Opcode.CHANNEL_LOCK.code()) {
            lockRefused = nak;
        }
        if (matcher != null && opcode == lastOpcode) {
            matcher.answered(nak);
        }
        roster.delivered(channel, opcode, nak);
        if (roster.takeConsumed()) {
            idle = 0;
            progress();
        }
    }

    @Override
    public void requestStop() {
        scriptAsked = true;
    }

    @Override
    public void requestExec() {
        scriptAsked = true;
    }

    private Divergence compare(int channel, int opcode, byte[] buf, int off, int len, int nak, boolean answered,
            long now) {
        try {
            Divergence d = matcher.check(new HostRequest(stats.requests(), now - firstRequest, opcode, channel,
                    Arrays.copyOfRange(buf, off, off + len)), nak, answered);
            if (d != null) {
                stats.divergence(d);
                listener.divergence(d);
                endWanted |= options.onDivergence() == DivergencePolicy.END;
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host stopped or restarted the script: a recorded soft reboot that is next happens now. */
    private void rebootAsked() {
        try {
            if (options.mode() != ReplayMode.MODEL) {
                return;
            }
            if (max) {
                crossNow = cues.peek() instanceof Cue.SoftReboot;
                return;
            }
            Cue reboot = cues.find(c -> c.boundary(), 5_000_000_000L);
            if (reboot instanceof Cue.SoftReboot) {
                clock.jumpTo(reboot.time());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- progress

    /** Applies due cues and moves channels on, until nothing changes. */
    private void progress() {
        if (inProgress || firstRequest < 0) {
            return;
        }
        inProgress = true;
        try {
            boolean changed = true;
            for (int round = 0; changed && round < 64; round++) {
                changed = applyCues();
                changed |= roster.advance(channelLimit());
                if (roster.takeConsumed()) {
                    idle = 0;
                    changed = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            inProgress = false;
        }
    }

    private long channelLimit() throws IOException {
        if (matcher != null) {
            return Long.MAX_VALUE;
        }
        Cue next = cues.peek();
        long limit = next == null ? Long.MAX_VALUE : next.time();
        return max ? limit : Math.min(limit, clock.now() + 1);
    }

    private boolean applyCues() throws IOException {
        boolean any = false;
        for (Cue c = cues.peek(); c != null; c = cues.peek()) {
            boolean due = matcher != null ? c.time() < matcher.dueTime(recording.startTime())
                    : max || c.time() <= clock.now();
            if (!due || c.boundary() && !mayCross(c)) {
                break;
            }
            cues.next();
            apply(c);
            any = true;
        }
        return any;
    }

    private boolean mayCross(Cue boundary) throws IOException {
        if (!max || matcher != null) {
            return true;
        }
        boolean cross = crossNow || idle >= IDLE_LIMIT || !roster.pendingBefore(boundary.time());
        if (cross) {
            crossNow = false;
            idle = 0;
        }
        return cross;
    }

    private void apply(Cue c) throws IOException {
        if (c instanceof Cue.Device d) {
            roster.registerMissing(d.facts());
        } else if (c instanceof Cue.Registered) {
            Cue next = cues.find(x -> x instanceof Cue.Device, LOOKAHEAD_NANOS);
            if (next instanceof Cue.Device d) {
                roster.registerNext(d.facts());
            }
        } else if (c instanceof Cue.SoftReboot s) {
            engine.sendEvent(0, SystemEvent.SOFT_REBOOT.code(), false);
            firmware.softReboot();
            roster.boundary(s.time(), true);
            stats.softReboot();
            listener.cue("soft reboot (recorded at " + offset(s.time()) + ")");
        } else if (c instanceof Cue.Script s) {
            firmware.stdin().scriptRunning(s.running());
        } else if (c instanceof Cue.ChannelEvent e) {
            roster.event(e);
        } else if (c instanceof Cue.HangUp h) {
            newSession(h.time(), true);
        } else if (c instanceof Cue.SessionStart s) {
            newSession(s.time(), false);
        }
    }

    /**
     * A new recorded session: after a recorded hang-up the link hangs up and the cam restarts with
     * the next session's channels (after the recorded gap at real-time speeds); at the start of
     * another file or pass the cam goes on unless its channels do not fit the new session.
     */
    private void newSession(long time, boolean hangUp) throws IOException {
        Cue device = cues.find(x -> x instanceof Cue.Device, LOOKAHEAD_NANOS);
        ChannelEntry[] target = device instanceof Cue.Device d
                ? roster.initialChannels(d.facts(), registrationsBefore(device)) : null;
        boolean reset = hangUp || target != null && !roster.compatible(target);
        if (reset) {
            hangUpWanted = true;
            long gap = device != null ? device.time() - time : 0;
            reconnectDelay = max ? 0 : (long) Math.min(10e9, Math.max(0, gap / options.speed().factor()));
            listener.cue("hang-up (recorded at " + offset(time) + ")");
            engine.hardReset();
            firmware.softReboot();
            firmware.stdout().clear();
            roster.boundary(time, true);
            if (target != null) {
                roster.registerAll(target);
            }
        } else {
            roster.boundary(time, false);
        }
    }

    private String offset(long time) {
        return String.format("+%.3f s", (time - recording.startTime()) / 1e9);
    }

    @Override
    public void close() throws IOException {
        try {
            cues.close();
            roster.close();
        } finally {
            if (recordedRequests != null) {
                recordedRequests.close();
            }
        }
    }
}
