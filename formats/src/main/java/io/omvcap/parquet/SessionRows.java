package io.omvcap.parquet;

import io.omvcap.archive.ArchiveCodec;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.SessionTotals;
import io.omvcap.archive.Topics;
import java.io.IOException;
import java.util.Map;

/** Fills the {@code session} table: one row per archive file (segment) of the session. */
final class SessionRows {
    private final TableSchema s = Schemas.SESSION;
    private final TableOutput out;
    private final Row row;

    /** What the pass over one segment counted. */
    static final class Counts {
        long firstTime = Long.MAX_VALUE;
        long lastTime = Long.MIN_VALUE;
        long messages;
        long packets;
        long invalidPackets;
        long frames;
        long telemetryReads;
        long stdoutLines;
        long events;
        long reconnects;
        boolean packetsCounted;

        void time(long t) {
            if (t < firstTime) {
                firstTime = t;
            }
            if (t > lastTime) {
                lastTime = t;
            }
        }
    }

    SessionRows(TableOutput out) throws IOException {
        this.out = out;
        this.row = out.open(s, null);
    }

    /** Writes the row of the segment {@code r}. */
    void add(SessionReader r, DeviceFacts device, Counts c, String damage) throws IOException {
        SessionFacts f = r.session().orElse(null);
        Row x = row;
        x.clear();
        if (c.firstTime != Long.MAX_VALUE) {
            x.start(c.firstTime).set(s.require("end_time"), Math.floorDiv(c.lastTime, 1000L));
        }
        x.set(s.require("file"), r.file().getFileName().toString()).set(s.require("file_bytes"), r.fileSize())
                .set(s.require("complete"), r.indexed() && damage == null).set(s.require("damage"), damage)
                .set(s.require("format_version"), r.formatVersion());
        if (f != null) {
            x.set(s.require("segment"), f.segment()).set(s.require("tool_version"), f.toolVersion())
                    .set(s.require("mode"), f.mode()).set(s.require("port"), f.port()).set(s.require("baud"), f.baud())
                    .set(s.require("start_time"), Math.floorDiv(f.clock().anchorWallNanos(), 1000L))
                    .set(s.require("labels"), ArchiveCodec.jsonText(f.labels()));
        }
        if (device != null) {
            if (device.version() != null) {
                x.set(s.require("firmware_version"), device.version().firmware().toString())
                        .set(s.require("protocol_version"), device.version().protocol().toString())
                        .set(s.require("bootloader_version"), device.version().bootloader().toString());
            }
            if (device.sysInfo() != null) {
                x.set(s.require("cpu_id"), String.format("0x%08X", device.sysInfo().cpuId()))
                        .set(s.require("device_id"), device.sysInfo().deviceIdHex())
                        .set(s.require("usb_id"), String.format("%04X:%04X", device.sysInfo().usbVendorId(),
                                device.sysInfo().usbProductId()))
                        .set(s.require("sensor_chip_ids"), ArchiveCodec.jsonText(device.sysInfo().chipIds()));
            }
            if (device.caps() != null) {
                x.set(s.require("max_payload"), device.caps().maxPayload());
            }
            x.set(s.require("channels"), ArchiveCodec.jsonText(device.toMap().get("channels")));
        }
        SessionTotals totals = null;
        try {
            totals = r.storedTotals().orElse(null);
        } catch (RuntimeException e) {
            // malformed totals: the counts of the pass stand
        }
        long packets = c.packets;
        long invalid = c.invalidPackets;
        if (totals != null && !c.packetsCounted) {
            SessionTotals.TopicTotals p = totals.topic(Topics.PACKETS);
            packets = p == null ? 0 : p.messages();
            invalid = totals.invalidByReason().values().stream().mapToLong(Long::longValue).sum();
        }
        if (totals != null || c.packetsCounted) {
            x.set(s.require("packets"), packets).set(s.require("invalid_packets"), invalid);
        }
        x.set(s.require("messages"), c.messages).set(s.require("frames"), c.frames)
                .set(s.require("telemetry_reads"), c.telemetryReads).set(s.require("stdout_lines"), c.stdoutLines)
                .set(s.require("events"), c.events).set(s.require("reconnects"), c.reconnects);
        if (totals != null) {
            x.set(s.require("totals"), ArchiveCodec.jsonText(totalsMap(r)));
        }
        out.write(x);
    }

    private static Map<String, Object> totalsMap(SessionReader r) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        r.metadata(Topics.META_TOTALS).ifPresent(md -> md.forEach((k, v) -> {
            try {
                m.put(k, ArchiveCodec.parseJson(v));
            } catch (RuntimeException e) {
                m.put(k, v);
            }
        }));
        return m;
    }
}
