package io.omvcap.device;

import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.Event;
import io.omvcap.payload.Ioctl;
import java.util.Arrays;
import java.util.Objects;

/**
 * Channel 1, {@code stdin}: the script upload buffer. A write at offset 0 starts a new script,
 * later writes append; RESET clears it, STOP and EXEC go to the {@link ScriptControl} (EXEC of an
 * empty buffer fails). Poll is true while a script runs; script start and stop send channel events
 * 0x0001 and 0x0000.
 */
public final class StdinChannel implements ChannelBackend {
    /** Largest script accepted; longer uploads fail with NAK FAILED. */
    public static final int MAX_SCRIPT = 4 << 20;

    private final ProtocolEngine engine;
    private ScriptControl control = ScriptControl.NONE;
    private byte[] script = new byte[2048];
    private int length;
    private boolean running;

    StdinChannel(ProtocolEngine engine) {
        this.engine = engine;
    }

    /** Sets who reacts to STOP / EXEC. */
    public void setControl(ScriptControl control) {
        this.control = Objects.requireNonNull(control, "control");
    }

    /** The uploaded script, and clears the buffer (the firmware clears it after running it). */
    public byte[] takeScript() {
        byte[] s = Arrays.copyOf(script, length);
        length = 0;
        return s;
    }

    /** Bytes in the script buffer. */
    public int scriptLength() {
        return length;
    }

    /** Whether a script is running. */
    public boolean isRunning() {
        return running;
    }

    /** The pyexec hook: a script started (true) or stopped (false); sends the stdin event. */
    public void scriptRunning(boolean nowRunning) {
        running = nowRunning;
        engine.sendEvent(BuiltinChannel.STDIN.id(), nowRunning ? Event.SCRIPT_STARTED : Event.SCRIPT_STOPPED, false);
    }

    /** Channel init on (re)boot: no script running, empty buffer. */
    void reset() {
        running = false;
        length = 0;
    }

    @Override
    public boolean poll() {
        return running;
    }

    @Override
    public int write(long offset, byte[] src, int srcOff, int len) {
        if (offset == 0) {
            length = 0;
        }
        if (length + (long) len > MAX_SCRIPT) {
            return 0;
        }
        if (length + len > script.length) {
            script = Arrays.copyOf(script, Math.max(script.length * 2, length + len));
        }
        System.arraycopy(src, srcOff, script, length, len);
        length += len;
        return len;
    }

    @Override
    public int ioctl(long request, byte[] args) {
        Ioctl op = Ioctl.of(BuiltinChannel.STDIN.id(), request);
        if (op == null) {
            return -1;
        }
        switch (op) {
            case STDIN_STOP -> control.requestStop();
            case STDIN_EXEC -> {
                if (length == 0) {
                    return -1;
                }
                control.requestExec();
            }
            case STDIN_RESET -> length = 0;
            default -> {
                return -1;
            }
        }
        return 0;
    }
}
