package io.omvcap.mcap;

/**
 * Footer (op 0x02): the last record, followed only by the magic.
 *
 * @param summaryStart       file offset of the first summary record, 0 when there is no summary
 * @param summaryOffsetStart file offset of the first SummaryOffset record, or 0
 * @param summaryCrc         CRC-32 from summary start through {@code summaryOffsetStart}; 0 = none
 */
public record Footer(long summaryStart, long summaryOffsetStart, long summaryCrc) implements McapRecord {
    @Override
    public int opcode() {
        return Opcode.FOOTER.code();
    }
}
