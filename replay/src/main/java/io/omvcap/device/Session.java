package io.omvcap.device;

import io.omvcap.payload.Caps;

/** Mutable link state shared by the engine's parts: the negotiated caps and whether a host is there. */
final class Session {
    Caps caps;
    boolean active;

    Session(Caps caps) {
        this.caps = caps;
    }
}
