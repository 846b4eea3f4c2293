package io.omvcap.replay;

import io.omvcap.replay.fault.InjectedFault;

/**
 * Hears what a replay does as it happens, for logs and status lines. Called on the serving
 * thread; return quickly.
 */
public interface ReplayListener {
    /** Ignores everything. */
    ReplayListener NONE = new ReplayListener() {
    };

    /** Strict mode found a divergent request. */
    default void divergence(Divergence d) {
    }

    /** A fault was injected. */
    default void fault(InjectedFault f) {
    }

    /** A recorded soft reboot, hang-up or other notable cue was replayed. */
    default void cue(String what) {
    }

    /** A host attached or left ({@code host} null when it left). */
    default void host(String host) {
    }
}
