package io.omvcap.replay.fault;

import io.omvcap.wire.Status;
import java.util.Objects;

/**
 * One fault of a plan: what, how often or when, and its parameter.
 *
 * @param kind      what the fault does
 * @param rate      probability per packet (or request), 0 when it fires at a trigger instead
 * @param nanos     delay or stall length ({@link FaultKind#DELAY}, {@link FaultKind#STALL})
 * @param status    NAK status ({@link FaultKind#NAK})
 * @param atCount   fire at the N-th packet (or request) of {@code packetKind}, 0 when not
 * @param packetKind which packets count for {@code atCount} and {@code rate}: an opcode such as
 *                  {@code read} or {@code event}, or {@code any}
 * @param atNanos   fire this long after the first host connected, -1 when not
 */
public record FaultSpec(FaultKind kind, double rate, long nanos, Status status, long atCount, String packetKind,
        long atNanos) {
    /** Validates the fields. */
    public FaultSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(packetKind, "packetKind");
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be between 0 and 1");
        }
    }

    /** Whether it fires at a rate rather than once. */
    public boolean random() {
        return atCount == 0 && atNanos < 0;
    }

    /** The spec as it would be written, e.g. {@code nak=busy@read:3}. */
    public String describe() {
        StringBuilder b = new StringBuilder(kind.specName());
        String arg = switch (kind) {
            case DELAY, STALL -> millis(nanos);
            case NAK -> status.name().toLowerCase(java.util.Locale.ROOT);
            default -> "";
        };
        if (random() && rate < 1 || !arg.isEmpty()) {
            b.append('=').append(arg);
            if (random() && rate < 1) {
                b.append(arg.isEmpty() ? "" : ":").append(rate);
            }
        }
        if (atCount > 0) {
            b.append('@').append(packetKind.equals("any") ? "" : packetKind + ":").append(atCount);
        } else if (atNanos >= 0) {
            b.append('@').append(millis(atNanos));
        } else if (!packetKind.equals("any")) {
            b.append('@').append(packetKind);
        }
        return b.toString();
    }

    private static String millis(long nanos) {
        return nanos % 1_000_000_000L == 0 ? nanos / 1_000_000_000L + "s" : nanos / 1_000_000.0 + "ms";
    }
}
