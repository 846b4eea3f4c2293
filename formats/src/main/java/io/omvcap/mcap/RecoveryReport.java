package io.omvcap.mcap;

import java.util.List;

/**
 * What {@link McapRecovery} kept and dropped.
 *
 * @param inputBytes      size of the damaged input
 * @param outputBytes     size of the finished output
 * @param recordsKept     schemas, channels, messages, metadata and attachments written to the output
 * @param messagesKept    messages among them
 * @param chunksKept      input chunks carried over
 * @param chunksDropped   complete chunks dropped because their contents were corrupt
 * @param messagesDropped messages dropped because their channel was unknown
 * @param recordsDropped  other top-level records dropped (corrupt attachments, unknown opcodes, ...)
 * @param bytesDropped    input data-section bytes not carried over: dropped records plus everything
 *                        after the stop offset
 * @param reachedDataEnd  whether the input's data section was complete (a DataEnd record was found)
 * @param stopOffset      where reading stopped because of damage, or -1
 * @param stopReason      why it stopped (the reader's one-line message), or empty
 * @param rebuilt         one line per channel whose Channel record was lost and was rebuilt (its
 *                        messages are kept): id, topic, encoding and where it came from
 * @param problems        one line per dropped item, in file order (at most 100 kept)
 */
public record RecoveryReport(long inputBytes, long outputBytes, long recordsKept, long messagesKept, long chunksKept,
                             long chunksDropped, long messagesDropped, long recordsDropped, long bytesDropped,
                             boolean reachedDataEnd, long stopOffset, String stopReason, List<String> rebuilt,
                             List<String> problems) {
    public RecoveryReport {
        rebuilt = List.copyOf(rebuilt);
        problems = List.copyOf(problems);
    }

    /** Whether anything of the input's data section was lost. */
    public boolean lostData() {
        return bytesDropped > 0 || chunksDropped > 0 || messagesDropped > 0 || recordsDropped > 0;
    }

    /** A one-line human summary. */
    public String summary() {
        return "kept " + messagesKept + " messages in " + chunksKept + " chunks (" + recordsKept + " records)"
                + (rebuilt.isEmpty() ? "" : ", rebuilt " + rebuilt.size() + " lost channels")
                + (lostData() ? ", dropped " + bytesDropped + " bytes, " + chunksDropped + " chunks, "
                + messagesDropped + " messages, " + recordsDropped + " other records" : ", nothing lost")
                + (stopOffset >= 0 ? "; stopped at offset " + stopOffset + ": " + stopReason : "");
    }
}
