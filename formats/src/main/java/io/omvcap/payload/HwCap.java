package io.omvcap.payload;

import java.util.ArrayList;
import java.util.List;

/** Hardware capability bits of the first SYS_INFO hw_caps word. */
public enum HwCap {
    GPU(0), NPU(1), ISP(2), VIDEO_ENCODER(3), JPEG(4), DRAM(5), CRC(6), PMU(7),
    WIFI(16), BLUETOOTH(17), SD(18), ETHERNET(19), USB_HIGH_SPEED(20), MULTI_CORE(21);

    /** Bits 8–15 hold the number of PMU event counters. */
    public static final int PMU_COUNTERS_SHIFT = 8;

    private final int bit;

    HwCap(int bit) {
        this.bit = bit;
    }

    /** The bit index. */
    public int bit() {
        return bit;
    }

    /** Names of the capabilities set in {@code word}. */
    public static List<String> names(long word) {
        List<String> out = new ArrayList<>();
        for (HwCap c : values()) {
            if ((word & (1L << c.bit)) != 0) {
                out.add(c.name());
            }
        }
        return out;
    }

    /** Number of PMU event counters encoded in {@code word}. */
    public static int pmuCounters(long word) {
        return (int) ((word >>> PMU_COUNTERS_SHIFT) & 0xFF);
    }
}
