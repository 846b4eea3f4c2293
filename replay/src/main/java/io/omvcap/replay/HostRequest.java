package io.omvcap.replay;

import io.omvcap.payload.Ioctl;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.WireFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * A host request as strict replay and {@code diff} compare it: opcode, channel and payload (the
 * sequence number is left out), with where it was in its session.
 *
 * @param number  1-based number among the session's requests (polls and resyncs included)
 * @param time    nanoseconds since the session's first request
 * @param opcode  opcode byte
 * @param channel channel id
 * @param payload request payload
 * @param answer  in a recording, the NAK status the cam answered with; -1 when it was no NAK or
 *                is not known
 */
public record HostRequest(long number, long time, int opcode, int channel, byte[] payload, int answer) {
    /** A request whose answer is not known. */
    public HostRequest(long number, long time, int opcode, int channel, byte[] payload) {
        this(number, time, opcode, channel, payload, -1);
    }

    /** Whether {@code o} asks the same thing (opcode, channel, payload). */
    public boolean sameAs(HostRequest o) {
        return o != null && o.opcode == opcode && o.channel == channel && Arrays.equals(o.payload, payload);
    }

    /** The fields that differ from {@code o}: opcode, channel, offset, length, request, data. */
    public List<String> differences(HostRequest o) {
        List<String> out = new ArrayList<>();
        if (o.opcode != opcode) {
            out.add("opcode");
        }
        if (o.channel != channel) {
            out.add("channel");
        }
        if (o.opcode == opcode && (opcode == Opcode.CHANNEL_READ.code() || opcode == Opcode.CHANNEL_WRITE.code())
                && payload.length >= 8 && o.payload.length >= 8) {
            if (WireFormat.u32(payload, 0) != WireFormat.u32(o.payload, 0)) {
                out.add("offset");
            }
            if (WireFormat.u32(payload, 4) != WireFormat.u32(o.payload, 4)) {
                out.add("length");
            }
            if (!Arrays.equals(payload, 8, payload.length, o.payload, 8, o.payload.length)) {
                out.add("data");
            }
        } else if (o.opcode == opcode && opcode == Opcode.CHANNEL_IOCTL.code() && payload.length >= 4
                && o.payload.length >= 4) {
            if (WireFormat.u32(payload, 0) != WireFormat.u32(o.payload, 0)) {
                out.add("request");
            }
            if (!Arrays.equals(payload, 4, payload.length, o.payload, 4, o.payload.length)) {
                out.add("arguments");
            }
        } else if (!Arrays.equals(payload, o.payload)) {
            out.add("payload");
        }
        return out;
    }

    /** How many of the compared fields differ (0 = the same request). */
    public int distance(HostRequest o) {
        return differences(o).size() + (o.opcode != opcode ? 2 : 0);
    }

    /** A readable form, e.g. {@code CHANNEL_READ ch 7 offset 0 length 69}. */
    public String describe() {
        StringBuilder b = new StringBuilder(Opcode.nameOf(opcode));
        if (channel != 0 || opcode >= Opcode.CHANNEL_LIST.code()) {
            b.append(" ch ").append(channel);
        }
        if ((opcode == Opcode.CHANNEL_READ.code() || opcode == Opcode.CHANNEL_WRITE.code()) && payload.length >= 8) {
            b.append(" offset ").append(WireFormat.u32(payload, 0)).append(" length ").append(WireFormat.u32(payload, 4));
            if (opcode == Opcode.CHANNEL_WRITE.code()) {
                b.append(" data ").append(preview(Arrays.copyOfRange(payload, 8, payload.length)));
            }
        } else if (opcode == Opcode.CHANNEL_IOCTL.code() && payload.length >= 4) {
            b.append(' ').append(Ioctl.nameOf(channel, WireFormat.u32(payload, 0)));
            if (payload.length > 4) {
                b.append(" args ").append(preview(Arrays.copyOfRange(payload, 4, payload.length)));
            }
        } else if (payload.length > 0) {
            b.append(" payload ").append(preview(payload));
        }
        return b.toString();
    }

    /** The fields as a map, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", number);
        m.put("time_s", time / 1e9);
        m.put("opcode", Opcode.nameOf(opcode));
        m.put("channel", channel);
        m.put("payload_hex", HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 256)));
        m.put("payload_length", payload.length);
        m.put("text", describe());
        return m;
    }

    private static String preview(byte[] data) {
        boolean text = data.length > 0;
        for (byte b : data) {
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' || b == 0x7F) {
                text = false;
                break;
            }
        }
        if (text) {
            String s = new String(data, java.nio.charset.StandardCharsets.UTF_8).replace("\n", "\\n");
            return "\"" + (s.length() > 48 ? s.substring(0, 48) + "…" : s) + "\"";
        }
        String hex = HexFormat.of().formatHex(data, 0, Math.min(data.length, 24));
        return hex + (data.length > 24 ? "… (" + data.length + " bytes)" : "");
    }
}
