package io.omvcap.telemetry;

/** The integer map keys of a CBOR telemetry field. */
public enum TelemetryKey {
    NAME(0),
    UNIT(1),
    VALUE(2),
    /** String value, e.g. a waveform typecode. */
    STRING_VALUE(3),
    /** Time in microseconds. */
    TIME(6),
    /** Update time (1 / sample rate). */
    UPDATE_TIME(7),
    /** Binary data (depth map, waveform). */
    DATA(8),
    WIDTH(-20),
    HEIGHT(-21),
    MIN(-23),
    MAX(-24),
    WIDGET(-30),
    SLIDER_MIN(-31),
    SLIDER_MAX(-32),
    STEP(-33),
    OPTIONS(-34);

    private final int key;

    TelemetryKey(int key) {
        this.key = key;
    }

    /** The integer key. */
    public int key() {
        return key;
    }

    /** The key for {@code key}, or {@code null} for keys this version does not know. */
    public static TelemetryKey of(int key) {
        for (TelemetryKey k : values()) {
            if (k.key == key) {
                return k;
            }
        }
        return null;
    }
}
