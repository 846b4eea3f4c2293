package io.omvcap.device;

import io.omvcap.payload.ProtocolStats;

/** The cam's PROTO_STATS counters; they survive protocol resets and soft reboots. */
final class ProtocolCounters {
    long sent;
    long received;
    long checksumErrors;
    long sequenceErrors;
    long retransmits;
    long transportErrors;
    long sentEvents;

    ProtocolStats snapshot() {
        return new ProtocolStats(sent & 0xFFFFFFFFL, received & 0xFFFFFFFFL, checksumErrors & 0xFFFFFFFFL,
                sequenceErrors & 0xFFFFFFFFL, retransmits & 0xFFFFFFFFL, transportErrors & 0xFFFFFFFFL,
                sentEvents & 0xFFFFFFFFL, 0);
    }

    void clear() {
        sent = 0;
        received = 0;
        checksumErrors = 0;
        sequenceErrors = 0;
        retransmits = 0;
        transportErrors = 0;
        sentEvents = 0;
    }
}
