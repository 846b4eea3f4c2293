package io.omvcap.device;

import io.omvcap.payload.HwCap;
import io.omvcap.payload.SemVer;
import io.omvcap.payload.SysInfo;
import io.omvcap.payload.VersionInfo;
import io.omvcap.wire.WireFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a board model answers and how big its protocol buffer is. The max payload is the protocol
 * buffer minus 14 bytes of framing, so a full packet fits the cam's receive buffer exactly.
 * Except for {@link #REFERENCE} (the stub values of the golden transcripts), identifiers such as
 * CPUID, sensor ids and USB PIDs are plausible stand-ins, not values read from real boards.
 *
 * @param name             short name used on the command line, e.g. {@code h7plus}
 * @param maxPayload       largest payload per packet (SET_CAPS accepts 50..this)
 * @param version          PROTO_VERSION answer
 * @param sysInfo          SYS_INFO answer
 * @param stdoutBufferSize size of the stdout ring in bytes
 */
public record BoardProfile(String name, int maxPayload, VersionInfo version, SysInfo sysInfo, int stdoutBufferSize) {
    private static final VersionInfo V5 = new VersionInfo(new SemVer(1, 0, 2), new SemVer(1, 0, 3), new SemVer(5, 0, 0));
    private static final long OPENMV_VID = 0x37C5L << 16;

    /** The reference cam of the golden transcripts (an H7 Plus-like stub). */
    public static final BoardProfile REFERENCE = new BoardProfile("reference", 4082, V5,
            new SysInfo(0x411FC271L, List.of(0x36303836L, 0x3139510BL, 0x00360025L), OPENMV_VID | 0x124A,
                    List.of(0x5640L, 0L, 0L), List.of(caps(HwCap.JPEG, HwCap.DRAM, HwCap.CRC, HwCap.SD), 0L), 0, 0, 150,
                    1024),
            1024);
    /** OpenMV Cam H7: 512-byte protocol buffer. */
    public static final BoardProfile H7 = board("h7", 498, 0x411FC271L, 0x124B, 0x7721L, 2048, 1024, 400, 256,
            caps(HwCap.JPEG, HwCap.CRC));
    /** OpenMV Cam H7 Plus: 4 KiB protocol buffer, SDRAM. */
    public static final BoardProfile H7_PLUS = board("h7plus", 4082, 0x411FC271L, 0x124A, 0x5640L, 32768, 1024,
            4096, 1024, caps(HwCap.JPEG, HwCap.DRAM, HwCap.CRC, HwCap.SD));
    /** OpenMV Cam RT1062. */
    public static final BoardProfile RT1062 = board("rt1062", 4082, 0x411FC272L, 0x124C, 0x5640L, 16384, 1024,
            4096, 1024, caps(HwCap.JPEG, HwCap.DRAM, HwCap.SD, HwCap.ETHERNET, HwCap.WIFI, HwCap.BLUETOOTH));
    /** Arduino Portenta H7. */
    public static final BoardProfile PORTENTA = board("portenta", 4082, 0x411FC271L, 0x124D, 0x2481L, 16384, 1024,
            4096, 1024, caps(HwCap.JPEG, HwCap.DRAM, HwCap.CRC, HwCap.WIFI, HwCap.BLUETOOTH, HwCap.MULTI_CORE));
    /** OpenMV N6: 8 KiB protocol buffer, NPU, ISP, video encoder. */
    public static final BoardProfile N6 = board("n6", 8178, 0x411FD221L, 0x124E, 0x5640L, 32768, 4096, 8192, 4096,
            caps(HwCap.NPU, HwCap.ISP, HwCap.VIDEO_ENCODER, HwCap.JPEG, HwCap.DRAM, HwCap.SD, HwCap.USB_HIGH_SPEED));
    /** OpenMV AE3 (Alif Ensemble E3). */
    public static final BoardProfile AE3 = board("ae3", 8178, 0x411FD221L, 0x124F, 0x5640L, 16384, 4096, 4096, 2048,
            caps(HwCap.NPU, HwCap.GPU, HwCap.JPEG, HwCap.DRAM, HwCap.USB_HIGH_SPEED, HwCap.MULTI_CORE));

    /** Every profile, the reference first. */
    public static final List<BoardProfile> ALL = List.of(REFERENCE, H7, H7_PLUS, RT1062, PORTENTA, N6, AE3);

    /** Validates the fields. */
    public BoardProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sysInfo, "sysInfo");
        if (maxPayload < WireFormat.MIN_PAYLOAD || maxPayload > WireFormat.MAX_LENGTH_FIELD - 14) {
            throw new IllegalArgumentException("max payload out of range: " + maxPayload);
        }
        if (stdoutBufferSize < 16) {
            throw new IllegalArgumentException("stdout buffer too small: " + stdoutBufferSize);
        }
    }

    /** The profile called {@code name} (case-insensitive). */
    public static BoardProfile byName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (BoardProfile p : ALL) {
            if (p.name.equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown board '" + name + "'; known: "
                + String.join(", ", ALL.stream().map(BoardProfile::name).toList()));
    }

    /** Size of the cam's protocol receive buffer: one maximal packet. */
    public int receiveBufferSize() {
        return WireFormat.packetSize(maxPayload);
    }

    /** Stream (preview) buffer size in bytes, from the sys info. */
    public int streamBufferBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 64, sysInfo.streamBufferKb() * 1024);
    }

    private static BoardProfile board(String name, int maxPayload, long cpuId, int pid, long sensor, long flashKb,
            long ramKb, long fbKb, long streamKb, long hwCaps) {
        long uid = Integer.toUnsignedLong(name.hashCode());
        return new BoardProfile(name, maxPayload, V5, new SysInfo(cpuId, List.of(0x4F4D5600L, uid, 0x00010001L),
                OPENMV_VID | pid, List.of(sensor, 0L, 0L), List.of(hwCaps, 0L), flashKb, ramKb, fbKb, streamKb), 1024);
    }

    private static long caps(HwCap... caps) {
        long w = 0;
        for (HwCap c : caps) {
            w |= 1L << c.bit();
        }
        return w;
    }
}
