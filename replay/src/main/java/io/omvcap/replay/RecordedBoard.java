package io.omvcap.replay;

import io.omvcap.archive.DeviceFacts;
import io.omvcap.device.BoardProfile;
import io.omvcap.device.EngineOptions;
import io.omvcap.payload.Caps;
import io.omvcap.wire.WireFormat;

/**
 * The board a replayed cam runs on: the recorded versions and sys info, and the recorded cam's own
 * max payload (its GET_CAPS answer; else the negotiated one). What was not recorded falls back to
 * an H7 Plus.
 */
final class RecordedBoard {
    /** stdout ring of the replayed cam: room for the recorded texts between two reads. */
    static final int STDOUT_RING = 16 * 1024;

    private RecordedBoard() {
    }

    /** The board of a cam with these facts and (when recorded) these device caps. */
    static BoardProfile of(DeviceFacts facts, Caps deviceCaps) {
        BoardProfile fallback = BoardProfile.H7_PLUS;
        int maxPayload = deviceCaps != null ? deviceCaps.maxPayload()
                : facts.caps() != null ? facts.caps().maxPayload() : fallback.maxPayload();
        maxPayload = Math.max(WireFormat.MIN_PAYLOAD, Math.min(maxPayload, WireFormat.MAX_LENGTH_FIELD - 14));
        return new BoardProfile("replay", maxPayload, facts.version() != null ? facts.version() : fallback.version(),
                facts.sysInfo() != null ? facts.sysInfo() : fallback.sysInfo(), STDOUT_RING);
    }

    /** The firmware's engine options; at MAX speed the cam's clock stands still, so no lock interval. */
    static EngineOptions engineOptions(boolean maxSpeed) {
        EngineOptions d = EngineOptions.DEFAULT;
        return maxSpeed ? new EngineOptions(d.rtxRetries(), d.rtxTimeoutMs(), 0, d.pumpBudgetBytes()) : d;
    }
}
