package io.omvcap.parquet;

import io.omvcap.archive.PacketView;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import java.io.IOException;

/** Fills the {@code packets} table from the packets of a pass. */
final class PacketRows {
    private static final String[] FLAG_NAMES = new String[256];
    private static final String[] OPCODE_NAMES = new String[256];

    static {
        for (int i = 0; i < 256; i++) {
            FLAG_NAMES[i] = i == 0 ? "" : Flag.describe(i);
            OPCODE_NAMES[i] = Opcode.nameOf(i);
        }
    }

    private final TableSchema s = Schemas.PACKETS;
    private final int direction = s.require("direction");
    private final int offset = s.require("offset");
    private final int seq = s.require("seq");
    private final int channelId = s.require("channel_id");
    private final int channel = s.require("channel");
    private final int flags = s.require("flags");
    private final int flagNames = s.require("flag_names");
    private final int opcode = s.require("opcode");
    private final int opcodeName = s.require("opcode_name");
    private final int length = s.require("length");
    private final int valid = s.require("valid");
    private final int reason = s.require("reason");
    private final int seqOk = s.require("seq_ok");
    private final int wireBytes = s.require("wire_bytes");
    private final int payload = s.require("payload");
    private final TableOutput out;
    private final Row row;
    private final boolean payloads;
    private final ChannelNames names;

    PacketRows(TableOutput out, boolean payloads, ChannelNames names) throws IOException {
        this.out = out;
        this.payloads = payloads;
        this.names = names;
        this.row = out.open(s, null);
    }

    void add(PacketView p) throws IOException {
        Row r = row.start(p.logTime());
        r.set(direction, p.dir().shortName()).set(offset, p.offset());
        if (p.seq() >= 0) {
            r.set(seq, p.seq());
        }
        if (p.channel() >= 0) {
            r.set(channelId, p.channel()).set(channel, names.name(p.channel()));
        }
        if (p.flags() >= 0) {
            r.set(flags, p.flags()).set(flagNames, FLAG_NAMES[p.flags() & 0xFF]);
        }
        if (p.opcode() >= 0) {
            r.set(opcode, p.opcode()).set(opcodeName, OPCODE_NAMES[p.opcode() & 0xFF]);
        }
        if (p.length() >= 0) {
            r.set(length, p.length());
        }
        r.set(valid, p.valid());
        if (!p.valid()) {
            r.set(reason, p.reason().name());
        }
        r.set(seqOk, p.seqOk()).set(wireBytes, p.consumed());
        if (payloads) {
            if (p.valid()) {
                r.set(payload, p.array(), p.payloadOffset(), p.payloadLength());
            } else {
                r.set(payload, p.array(), p.rawOffset(), p.rawLength());
            }
        }
        out.write(r);
    }
}
