package io.omvcap.mcap;

/**
 * Summary Offset (op 0x0E): where the group of summary records with one opcode is.
 *
 * @param groupOpcode opcode of every record in the group
 * @param groupStart  file offset of the group's first record
 * @param groupLength total length of the group's records
 */
public record SummaryOffset(int groupOpcode, long groupStart, long groupLength) implements McapRecord {
    @Override
    public int opcode() {
        return Opcode.SUMMARY_OFFSET.code();
    }
}
