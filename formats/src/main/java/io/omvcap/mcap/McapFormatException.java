package io.omvcap.mcap;

import java.io.IOException;

/**
 * The one error type for malformed, truncated or corrupt MCAP input. The message is one line:
 * what is wrong and where, e.g. {@code chunk CRC mismatch at offset 1234}.
 */
public class McapFormatException extends IOException {
    private final String reason;
    private final long offset;

    /** An error at file {@code offset} ({@code -1} when no offset applies). */
    public McapFormatException(String reason, long offset) {
        this(reason, offset, null);
    }

    /** An error at file {@code offset} caused by {@code cause} (for example a decompressor error). */
    public McapFormatException(String reason, long offset, Throwable cause) {
        super(offset >= 0 ? OneLine.of(reason) + " at offset " + offset : OneLine.of(reason), cause);
        this.reason = OneLine.of(reason);
        this.offset = offset;
    }

    /** What is wrong, without the offset. */
    public String reason() {
        return reason;
    }

    /** File offset of the damaged record or field, or {@code -1}. */
    public long offset() {
        return offset;
    }
}
