package io.omvcap.payload;

/** Event codes sent with SYS_EVENT on channel 0. */
public enum SystemEvent {
    CHANNEL_REGISTERED(0x00),
    CHANNEL_UNREGISTERED(0x01),
    SOFT_REBOOT(0x02);

    private final int code;

    SystemEvent(int code) {
        this.code = code;
    }

    /** The uint16 event code. */
    public int code() {
        return code;
    }

    /** The system event for {@code code}, or {@code null}. */
    public static SystemEvent of(int code) {
        for (SystemEvent e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }
}
