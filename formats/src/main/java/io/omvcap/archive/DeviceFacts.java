package io.omvcap.archive;

import io.omvcap.payload.Caps;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.HwCap;
import io.omvcap.payload.SemVer;
import io.omvcap.payload.SysInfo;
import io.omvcap.payload.VersionInfo;
import io.omvcap.wire.ChannelFlag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the host learned about the cam at connect: versions, sys info, negotiated caps, channel
 * list. Any part may be {@code null} when it is not known (yet).
 *
 * @param version  PROTO_VERSION answer
 * @param sysInfo  SYS_INFO answer
 * @param caps     negotiated caps
 * @param channels channel list
 */
public record DeviceFacts(VersionInfo version, SysInfo sysInfo, Caps caps, List<ChannelEntry> channels) {
    /** Copies the channel list. */
    public DeviceFacts {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** The channel named {@code name}, or {@code null}. */
    public ChannelEntry channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** The channel with {@code id}, or {@code null}. */
    public ChannelEntry channel(int id) {
        return channels.stream().filter(c -> c.id() == id).findFirst().orElse(null);
    }

    /** The JSON map of a {@code /device} message. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (version != null) {
            m.put("version", Map.of("protocol", version.protocol().toString(), "bootloader",
                    version.bootloader().toString(), "firmware", version.firmware().toString()));
        }
        if (sysInfo != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("cpu_id", sysInfo.cpuId());
            s.put("device_id", sysInfo.deviceIdHex());
            s.put("usb_id", String.format("%04X:%04X", sysInfo.usbVendorId(), sysInfo.usbProductId()));
            s.put("chip_ids", sysInfo.chipIds());
            s.put("hw_caps", sysInfo.hwCaps());
            s.put("hw_caps_names", HwCap.names(sysInfo.hwCaps().get(0)));
            s.put("flash_kb", sysInfo.flashKb());
            s.put("ram_kb", sysInfo.ramKb());
            s.put("framebuffer_kb", sysInfo.frameBufferKb());
            s.put("stream_buffer_kb", sysInfo.streamBufferKb());
            s.put("raw", java.util.HexFormat.of().formatHex(sysInfo.encode()));
            m.put("sys_info", s);
        }
        if (caps != null) {
            m.put("caps", Map.of("crc", caps.crc(), "seq", caps.sequence(), "ack", caps.ack(), "events", caps.events(),
                    "max_payload", caps.maxPayload()));
        }
        List<Map<String, Object>> ch = new ArrayList<>();
        for (ChannelEntry e : channels) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", e.id());
            c.put("name", e.name());
            c.put("flags", e.flags());
            c.put("flag_names", ChannelFlag.names(e.flags()));
            ch.add(c);
        }
        m.put("channels", ch);
        return m;
    }

    /**
     * Reads facts back from a {@code /device} message map; a value of the wrong type is an
     * {@link ArchiveFormatException}.
     */
    public static DeviceFacts fromMap(Map<String, Object> m) {
        try {
            return parse(m);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | io.omvcap.wire.WireFormatException e) {
            throw new ArchiveFormatException("malformed device facts: " + e.getMessage(), e);
        }
    }

    private static DeviceFacts parse(Map<String, Object> m) {
        VersionInfo version = null;
        if (m.get("version") instanceof Map<?, ?> v) {
            version = new VersionInfo(semver(v.get("protocol")), semver(v.get("bootloader")), semver(v.get("firmware")));
        }
        SysInfo sys = null;
        if (m.get("sys_info") instanceof Map<?, ?> s && s.get("raw") instanceof String raw) {
            sys = SysInfo.decode(java.util.HexFormat.of().parseHex(raw));
        }
        Caps caps = null;
        if (m.get("caps") instanceof Map<?, ?> c) {
            caps = new Caps(Boolean.TRUE.equals(c.get("crc")), Boolean.TRUE.equals(c.get("seq")),
                    Boolean.TRUE.equals(c.get("ack")), Boolean.TRUE.equals(c.get("events")),
                    ArchiveCodec.asInt(c.get("max_payload")));
        }
        List<ChannelEntry> channels = new ArrayList<>();
        if (m.get("channels") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> c)) {
                    throw new ArchiveFormatException("device channel entry " + channels.size() + " is not an object: "
                            + o);
                }
                channels.add(new ChannelEntry(ArchiveCodec.asInt(c.get("id")), ArchiveCodec.asInt(c.get("flags")),
                        String.valueOf(c.get("name"))));
            }
        } else if (m.get("channels") != null) {
            throw new ArchiveFormatException("device channels are not a list: " + m.get("channels"));
        }
        return new DeviceFacts(version, sys, caps, channels);
    }

    /**
     * Reads the facts an {@code omvcap.device} metadata record holds (its channel list); damaged
     * JSON or a wrong type is an {@link ArchiveFormatException}.
     */
    public static DeviceFacts fromMetadata(Map<String, String> md) {
        Map<String, Object> m = new java.util.HashMap<>();
        String channels = md.get("channels");
        m.put("channels", channels == null ? List.of() : ArchiveCodec.parseJson(channels));
        try {
            return fromMap(m);
        } catch (ArchiveFormatException e) {
            throw new ArchiveFormatException("in channels: " + e.getMessage(), e);
        }
    }

    /** The string map of an {@code omvcap.device} metadata record. */
    public Map<String, String> toMetadata() {
        Map<String, String> md = new LinkedHashMap<>();
        if (version != null) {
            md.put("firmware_version", version.firmware().toString());
            md.put("protocol_version", version.protocol().toString());
            md.put("bootloader_version", version.bootloader().toString());
        }
        if (sysInfo != null) {
            md.put("cpu_id", String.format("0x%08X", sysInfo.cpuId()));
            md.put("device_id", sysInfo.deviceIdHex());
            md.put("usb_id", String.format("%04X:%04X", sysInfo.usbVendorId(), sysInfo.usbProductId()));
            md.put("sensor_chip_ids", ArchiveCodec.jsonText(sysInfo.chipIds()));
            md.put("hw_caps", String.join("|", HwCap.names(sysInfo.hwCaps().get(0))));
        }
        if (caps != null) {
            md.put("caps", (caps.crc() ? "crc " : "") + (caps.sequence() ? "seq " : "") + (caps.ack() ? "ack " : "")
                    + (caps.events() ? "events" : "").strip());
            md.put("max_payload", String.valueOf(caps.maxPayload()));
        }
        md.put("channels", ArchiveCodec.jsonText(toMap().get("channels")));
        return md;
    }

    private static SemVer semver(Object o) {
        String[] p = String.valueOf(o).split("\\.");
        if (p.length != 3) {
            return new SemVer(0, 0, 0);
        }
        try {
            return new SemVer(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        } catch (NumberFormatException e) {
            return new SemVer(0, 0, 0);
        }
    }
}
