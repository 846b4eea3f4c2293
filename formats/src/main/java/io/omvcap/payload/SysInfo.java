package io.omvcap.payload;

import io.omvcap.wire.WireFormat;
import java.util.List;

/**
 * SYS_INFO response, 76 bytes of uint32: cpu id, device id ×3, USB id (VID &lt;&lt; 16 | PID),
 * sensor chip ids ×3, reserved ×2, hw caps ×2, flash / RAM / frame buffer / stream buffer sizes in
 * KB, reserved ×3.
 *
 * @param cpuId          CPUID register
 * @param deviceId       unique device id words
 * @param usbId          VID &lt;&lt; 16 | PID
 * @param chipIds        sensor chip ids (0 = none)
 * @param hwCaps         hardware capability words, see {@link HwCap}
 * @param flashKb        flash size
 * @param ramKb          RAM size
 * @param frameBufferKb  frame buffer size
 * @param streamBufferKb stream buffer size
 */
public record SysInfo(long cpuId, List<Long> deviceId, long usbId, List<Long> chipIds, List<Long> hwCaps,
        long flashKb, long ramKb, long frameBufferKb, long streamBufferKb) {
    /** Encoded size. */
    public static final int SIZE = 76;

    /** Validates list sizes and copies them. */
    public SysInfo {
        deviceId = List.copyOf(deviceId);
        chipIds = List.copyOf(chipIds);
        hwCaps = List.copyOf(hwCaps);
        if (deviceId.size() != 3 || chipIds.size() != 3 || hwCaps.size() != 2) {
            throw new IllegalArgumentException("sys info needs 3 device ids, 3 chip ids and 2 hw caps words");
        }
    }

    /** Decodes a 76-byte sys info payload. */
    public static SysInfo decode(byte[] p) {
        Bytes.requireSize("sys info", p, SIZE);
        return new SysInfo(w(p, 0), List.of(w(p, 1), w(p, 2), w(p, 3)), w(p, 4), List.of(w(p, 5), w(p, 6), w(p, 7)),
                List.of(w(p, 10), w(p, 11)), w(p, 12), w(p, 13), w(p, 14), w(p, 15));
    }

    /** Encodes to 76 bytes (reserved words zero). */
    public byte[] encode() {
        byte[] p = new byte[SIZE];
        put(p, 0, cpuId);
        for (int i = 0; i < 3; i++) {
            put(p, 1 + i, deviceId.get(i));
            put(p, 5 + i, chipIds.get(i));
        }
        put(p, 4, usbId);
        put(p, 10, hwCaps.get(0));
        put(p, 11, hwCaps.get(1));
        put(p, 12, flashKb);
        put(p, 13, ramKb);
        put(p, 14, frameBufferKb);
        put(p, 15, streamBufferKb);
        return p;
    }

    /** USB vendor id. */
    public int usbVendorId() {
        return (int) (usbId >>> 16);
    }

    /** USB product id. */
    public int usbProductId() {
        return (int) (usbId & 0xFFFF);
    }

    /** Device id words as one hex string, most significant word first. */
    public String deviceIdHex() {
        return String.format("%08X%08X%08X", deviceId.get(0), deviceId.get(1), deviceId.get(2));
    }

    private static long w(byte[] p, int word) {
        return WireFormat.u32(p, word * 4);
    }

    private static void put(byte[] p, int word, long v) {
        WireFormat.putU32(p, word * 4, v);
    }
}
