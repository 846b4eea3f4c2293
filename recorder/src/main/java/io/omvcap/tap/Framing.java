package io.omvcap.tap;

import io.omvcap.wire.PacketDecoder;

/**
 * The framing both peers apply from some point of the byte stream on: whether CRCs are checked and
 * the largest payload accepted. Changed by the host's PROTO_SYNC (defaults) and an acknowledged
 * SET_CAPS (the host's caps); a new link to the cam starts with the defaults.
 *
 * @param crc        CRC checking on
 * @param maxPayload largest payload accepted
 */
record Framing(boolean crc, int maxPayload) {
    /** What both peers apply after a resync or reboot, and on a new link: CRCs on, any board's payloads. */
    static final Framing DEFAULT = new Framing(true, PacketDecoder.DEFAULT_MAX_PAYLOAD);
}
