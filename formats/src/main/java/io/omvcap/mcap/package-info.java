/**
 * The MCAP container: record types, a chunking writer, a streaming reader, an indexed reader and
 * recovery of damaged files. Pure logic plus file I/O; nothing here knows about the OpenMV
 * protocol. All integers on disk are little-endian; {@code uint64} values (timestamps, offsets)
 * are carried in Java {@code long}s and compared unsigned.
 */
package io.omvcap.mcap;
