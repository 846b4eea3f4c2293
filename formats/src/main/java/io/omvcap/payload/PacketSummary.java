package io.omvcap.payload;

import io.omvcap.wire.ChannelFlag;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.Status;
import io.omvcap.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A readable summary of a packet's payload, as ordered key/value pairs (for JSON) or one line of
 * text. The direction decides between a request and a response where the layout alone cannot
 * (a CHANNEL_READ request and an 8-byte read response look alike); {@code null} guesses.
 */
public final class PacketSummary {
    private static final int PREVIEW = 24;

    private PacketSummary() {
    }

    /** Guesses the direction of a packet from its flags and payload shape. */
    public static Direction guessDirection(Packet p) {
        int camOnly = Flag.ACK_REQ.mask() | Flag.EVENT.mask() | Flag.FRAGMENT.mask() | Flag.NAK.mask() | Flag.RTX.mask();
        if ((p.flags() & camOnly) != 0) {
            return Direction.CAM_TO_HOST;
        }
        Opcode op = p.knownOpcode();
        if (op == null || p.length() == 0) {
            return Direction.HOST_TO_CAM;
        }
        return switch (op) {
            case CHANNEL_WRITE, CHANNEL_IOCTL, PROTO_SET_CAPS -> Direction.HOST_TO_CAM;
            case CHANNEL_READ -> p.length() == ReadRequest.SIZE ? Direction.HOST_TO_CAM : Direction.CAM_TO_HOST;
            default -> Direction.CAM_TO_HOST;
        };
    }

    /** The payload summary of {@code p}; never throws for malformed payloads (they are reported). */
    public static Map<String, Object> describe(Packet p, Direction direction) {
        Direction dir = direction != null ? direction : guessDirection(p);
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            describeInto(p, dir, m);
        } catch (WireFormatException e) {
            m.clear();
            m.put("malformed", e.getMessage());
            m.put("bytes", p.length());
        }
        return m;
    }

    /** Renders a summary as {@code key=value} pairs on one line. */
    public static String text(Map<String, Object> summary) {
        StringJoiner j = new StringJoiner(" ");
        summary.forEach((k, v) -> j.add(k + "=" + (v instanceof String s && s.contains(" ") ? "\"" + s + "\"" : v)));
        return j.toString();
    }

    private static void describeInto(Packet p, Direction dir, Map<String, Object> m) {
        byte[] d = p.payload();
        if (p.has(Flag.NAK)) {
            int status = Nak.decode(d);
            m.put("status", Status.nameOf(status));
            return;
        }
        if (p.isEvent()) {
            m.put("event", Event.decode(p).describe());
            return;
        }
        if (d.length == 0) {
            return;
        }
        Opcode op = p.knownOpcode();
        if (op == null) {
            bytes(d, m);
            return;
        }
        boolean request = dir == Direction.HOST_TO_CAM;
        switch (op) {
            case PROTO_GET_CAPS, PROTO_SET_CAPS -> {
                Caps c = Caps.decode(d);
                m.put("crc", c.crc());
                m.put("seq", c.sequence());
                m.put("ack", c.ack());
                m.put("events", c.events());
                m.put("max_payload", c.maxPayload());
            }
            case PROTO_STATS -> {
                ProtocolStats s = ProtocolStats.decode(d);
                m.put("sent", s.sentPackets());
                m.put("received", s.receivedPackets());
                m.put("checksum_errors", s.checksumErrors());
                m.put("sequence_errors", s.sequenceErrors());
                m.put("retransmits", s.retransmits());
                m.put("transport_errors", s.transportErrors());
                m.put("sent_events", s.sentEvents());
            }
            case PROTO_VERSION -> {
                VersionInfo v = VersionInfo.decode(d);
                m.put("protocol", v.protocol().toString());
                m.put("bootloader", v.bootloader().toString());
                m.put("firmware", v.firmware().toString());
            }
            case SYS_INFO -> {
                SysInfo s = SysInfo.decode(d);
                m.put("cpu_id", String.format("0x%08X", s.cpuId()));
                m.put("usb", String.format("%04X:%04X", s.usbVendorId(), s.usbProductId()));
                m.put("sensor", String.format("0x%X", s.chipIds().get(0)));
                m.put("hw_caps", String.join("|", HwCap.names(s.hwCaps().get(0))));
                m.put("framebuffer_kb", s.frameBufferKb());
                m.put("stream_buffer_kb", s.streamBufferKb());
            }
            case CHANNEL_LIST -> {
                List<String> channels = new ArrayList<>();
                for (ChannelEntry e : ChannelEntry.decodeList(d)) {
                    channels.add(e.id() + ":" + e.name() + "[" + ChannelFlag.describe(e.flags()) + "]");
                }
                m.put("channels", channels);
            }
            case CHANNEL_POLL -> m.put("ready", PollMask.decode(d).readyChannels());
            case CHANNEL_SIZE -> m.put("size", U32.decode(d));
            case CHANNEL_SHAPE -> m.put("shape", Shape.decode(d).dims());
            case CHANNEL_READ -> {
                if (request) {
                    ReadRequest r = ReadRequest.decode(d);
                    m.put("offset", r.offset());
                    m.put("read", r.length());
                } else {
                    if (p.channel() == BuiltinChannel.STREAM.id() && d.length >= FrameHeader.MIN_SIZE) {
                        FrameHeader h = FrameHeader.decode(d);
                        if (h.fitsIn(d.length) || h.offset() == FrameHeader.SIZE) {
                            m.put("frame", h.width() + "x" + h.height() + " " + PixFormat.nameOf(h.pixformat()));
                            m.put("image_bytes", h.size());
                        }
                    }
                    bytes(d, m);
                }
            }
            case CHANNEL_WRITE -> {
                WriteRequest w = WriteRequest.decode(d);
                m.put("offset", w.offset());
                m.put("write", w.declaredLength());
                preview(w.data(), m);
            }
            case CHANNEL_IOCTL -> {
                IoctlRequest r = IoctlRequest.decode(d);
                m.put("ioctl", Ioctl.nameOf(p.channel(), r.request()));
                List<Long> args = new ArrayList<>();
                for (int i = 0; i + 4 <= r.arguments().length; i += 4) {
                    args.add(r.argument(i / 4));
                }
                if (!args.isEmpty()) {
                    m.put("args", args);
                }
            }
            default -> bytes(d, m);
        }
    }

    private static void bytes(byte[] d, Map<String, Object> m) {
        m.put("bytes", d.length);
        preview(d, m);
    }

    private static void preview(byte[] d, Map<String, Object> m) {
        int n = Math.min(d.length, PREVIEW);
        if (n == 0) {
            return;
        }
        if (printable(d, n)) {
            m.put("text", new String(d, 0, n, StandardCharsets.UTF_8).replace("\n", "\\n").replace("\r", "\\r")
                    + (d.length > n ? "…" : ""));
        } else {
            m.put("hex", HexFormat.of().formatHex(d, 0, n) + (d.length > n ? "…" : ""));
        }
    }

    private static boolean printable(byte[] d, int n) {
        for (int i = 0; i < n; i++) {
            int b = d[i] & 0xFF;
            if ((b < 0x20 || b > 0x7E) && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
