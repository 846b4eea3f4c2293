package io.omvcap.payload;

/** Channels every cam has at fixed ids; scripts register further channels from the next free id. */
public enum BuiltinChannel {
    /** The physical transport (USB/UART); listed but not addressable. */
    TRANSPORT(0),
    /** Script upload: RESET ioctl, writes, EXEC ioctl. */
    STDIN(1),
    /** Script print output. */
    STDOUT(2),
    /** Frame preview (32-byte header + image). */
    STREAM(3),
    /** Profiler events; profiling builds only. */
    PROFILE(4);

    private final int id;

    BuiltinChannel(int id) {
        this.id = id;
    }

    /** The channel id. */
    public int id() {
        return id;
    }

    /** Lower-case name as listed by the cam. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
