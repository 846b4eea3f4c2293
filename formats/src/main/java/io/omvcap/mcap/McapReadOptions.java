package io.omvcap.mcap;

/**
 * How the readers treat their input.
 *
 * @param validateCrcs             check chunk, attachment, data-section and summary CRCs (non-zero
 *                                 ones)
 * @param expandChunks             stream reader only: yield the records inside chunks instead of
 *                                 the Chunk records themselves
 * @param maxRecordLength          longest record content accepted, in bytes
 * @param maxChunkUncompressedSize largest declared uncompressed chunk size accepted, in bytes
 */
public record McapReadOptions(boolean validateCrcs, boolean expandChunks, long maxRecordLength,
                              long maxChunkUncompressedSize) {
    /** Largest uncompressed chunk accepted by default: 1 GiB. */
    public static final long DEFAULT_MAX_CHUNK_UNCOMPRESSED_SIZE = 1L << 30;
    /** CRCs checked, chunks expanded, records up to the JVM array limit, chunks up to 1 GiB. */
    public static final McapReadOptions DEFAULT =
            new McapReadOptions(true, true, Mcap.MAX_ARRAY_LENGTH, DEFAULT_MAX_CHUNK_UNCOMPRESSED_SIZE);

    public McapReadOptions {
        if (maxRecordLength < 0 || maxRecordLength > Mcap.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("maxRecordLength out of range: " + maxRecordLength);
        }
        if (maxChunkUncompressedSize < 0 || maxChunkUncompressedSize > Mcap.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("maxChunkUncompressedSize out of range: " + maxChunkUncompressedSize);
        }
    }

    /** A copy with CRC checking switched. */
    public McapReadOptions withValidateCrcs(boolean validate) {
        return new McapReadOptions(validate, expandChunks, maxRecordLength, maxChunkUncompressedSize);
    }

    /** A copy with chunk expansion switched. */
    public McapReadOptions withExpandChunks(boolean expand) {
        return new McapReadOptions(validateCrcs, expand, maxRecordLength, maxChunkUncompressedSize);
    }

    /** A copy with another uncompressed chunk size limit. */
    public McapReadOptions withMaxChunkUncompressedSize(long max) {
        return new McapReadOptions(validateCrcs, expandChunks, maxRecordLength, max);
    }
}
