package io.omvcap.mcap;

/**
 * Thrown by {@link McapIndexedReader#open} when the file is well-formed at both ends but has no
 * summary section: the caller should scan it with {@link McapStreamReader} instead.
 */
public final class McapNoSummaryException extends McapFormatException {
    /** The file has no summary section ({@code summary_start} is 0 in the footer). */
    public McapNoSummaryException(long footerOffset) {
        super("file has no summary section; scan it with McapStreamReader", footerOffset);
    }
}
