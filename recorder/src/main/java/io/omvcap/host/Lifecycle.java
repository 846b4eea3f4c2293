package io.omvcap.host;

/** Milestones and recoveries of a camera session, reported to {@link SessionListener#onLifecycle}. */
public enum Lifecycle {
    /** The link is open; the handshake starts. Detail: the link description. */
    CONNECTING,
    /** Handshake, channel list, version and sys info done. Detail: negotiated caps. */
    CONNECTED,
    /** PROTO_SYNC, GET_CAPS and SET_CAPS are about to run again. Detail: why. */
    RESYNC,
    /** New caps are in force on both sides. Detail: the caps. */
    CAPS,
    /** The channel list was read. Detail: the channels. */
    CHANNELS,
    /** The cam announced a soft reboot; the next request resyncs first. */
    SOFT_REBOOT,
    /** An operation failed transiently and runs once more after a resync. Detail: the failure. */
    RETRY,
    /** A valid packet was not taken as an answer (stale NAK, late answer, retransmitted duplicate). Detail: which and why. */
    DROPPED,
    /** The link ended under the session. Detail: the reason. */
    DISCONNECTED,
    /** {@link Camera#close()} was called. */
    CLOSED
}
