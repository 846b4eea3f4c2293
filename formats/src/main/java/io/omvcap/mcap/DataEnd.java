package io.omvcap.mcap;

/**
 * Data End (op 0x0F): the last record of the data section.
 *
 * @param dataSectionCrc CRC-32 of every byte from the file start up to this record; 0 = none
 */
public record DataEnd(long dataSectionCrc) implements McapRecord {
    @Override
    public int opcode() {
        return Opcode.DATA_END.code();
    }
}
