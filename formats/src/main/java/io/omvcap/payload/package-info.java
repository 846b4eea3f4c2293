/**
 * Typed views of packet payloads: caps, channel lists, poll masks, read/write/ioctl requests,
 * stats, version, sys info, NAK status, events, the stream frame header. Each type decodes from
 * and encodes to the exact wire layout; wrong sizes raise {@link io.omvcap.wire.WireFormatException}.
 */
package io.omvcap.payload;
