package io.omvcap.device;

import io.omvcap.payload.BuiltinChannel;
import io.omvcap.wire.ChannelFlag;
import java.util.Objects;

/**
 * A cam's protocol stack as {@code omv_protocol_init_default()} sets it up: the engine with the
 * transport channel {@code usb} (0) and the built-in {@code stdin} (1), {@code stdout} (2) and
 * {@code stream} (3) channels. Scripts (see the simulated cam) register further channels on top.
 */
public final class CamFirmware {
    private final ProtocolEngine engine;
    private final StdinChannel stdin;
    private final StdoutChannel stdout;
    private final StreamChannel stream;

    /** A cam on {@code board} with the default engine options. */
    public CamFirmware(BoardProfile board, CamClock clock, CamOutput output) {
        this(board, EngineOptions.DEFAULT, clock, output);
    }

    /** A cam on {@code board}. */
    public CamFirmware(BoardProfile board, EngineOptions options, CamClock clock, CamOutput output) {
        engine = new ProtocolEngine(board, options, clock, output);
        stdin = new StdinChannel(engine);
        stdout = new StdoutChannel(engine, board.stdoutBufferSize());
        stream = new StreamChannel(board.streamBufferBytes());
        engine.registerStatic(BuiltinChannel.TRANSPORT.id(), "usb", ChannelFlag.PHYSICAL.mask(), new ChannelBackend() {
        });
        engine.registerStatic(BuiltinChannel.STDIN.id(), BuiltinChannel.STDIN.wireName(),
                ChannelFlag.WRITE.mask() | ChannelFlag.EXEC.mask(), stdin);
        engine.registerStatic(BuiltinChannel.STDOUT.id(), BuiltinChannel.STDOUT.wireName(), ChannelFlag.READ.mask(),
                stdout);
        engine.registerStatic(BuiltinChannel.STREAM.id(), BuiltinChannel.STREAM.wireName(),
                ChannelFlag.READ.mask() | ChannelFlag.LOCK.mask() | ChannelFlag.STREAM.mask(), stream);
        engine.addTask(stdout);
        stdout.restartTimer(clock.millis());
    }

    /** The protocol engine. */
    public ProtocolEngine engine() {
        return engine;
    }

    /** The stdin channel. */
    public StdinChannel stdin() {
        return stdin;
    }

    /** The stdout channel. */
    public StdoutChannel stdout() {
        return stdout;
    }

    /** The stream channel. */
    public StreamChannel stream() {
        return stream;
    }

    /** Registers a script channel ({@code protocol.register}); null when no id is free. */
    public Channel register(String name, ChannelBackend backend) {
        return engine.register(Objects.requireNonNull(name, "name"), 0, backend);
    }

    /**
     * Soft reboot: dynamic channels vanish, the protocol restarts with defaults, the built-in
     * channels are re-initialised (stdin emptied, stream unlocked; stdout keeps its text). The
     * SOFT_REBOOT event, if any, must be sent before.
     */
    public void softReboot() {
        engine.softReboot();
        stdin.reset();
        stream.reset();
        stdout.restartTimer(engine.clock().millis());
    }
}
