package io.omvcap.replay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host request that strict replay could not match with the recording.
 *
 * @param kind     {@link Kind#MISSING} when nothing like it is recorded nearby,
 *                 {@link Kind#MISMATCHED} when a recorded request of the same kind differs
 * @param got      the host's request (number and time counted in the replayed session)
 * @param expected the recorded request that was due, or null when the recording had no more
 * @param closest  the most similar recorded request nearby, or null
 * @param fields   the fields in which {@code got} differs from {@code closest}
 */
public record Divergence(Kind kind, HostRequest got, HostRequest expected, HostRequest closest, List<String> fields) {
    /** Whether the request exists in the recording at all (near this point). */
    public enum Kind {
        /** No recorded request of this opcode and channel nearby. */
        MISSING,
        /** A recorded request of this opcode and channel differs, or the recorded order differs. */
        MISMATCHED
    }

    /** One line, e.g. {@code request #12 at 0.153 s: mismatched CHANNEL_WRITE ch 8 ... (expected ..., differs in data)}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("request #").append(got.number()).append(String.format(" at %.3f s: ", got.time() / 1e9));
        b.append(kind == Kind.MISSING ? "missing from the recording: " : "mismatched: ").append(got.describe());
        if (expected != null) {
            b.append("; expected #").append(expected.number()).append(' ').append(expected.describe());
        } else {
            b.append("; the recording had no more requests");
        }
        if (closest != null && closest != expected) {
            b.append("; closest recorded #").append(closest.number()).append(' ').append(closest.describe());
        }
        if (!fields.isEmpty()) {
            b.append("; differs in ").append(String.join(", ", fields));
        }
        return b.toString();
    }

    /** The fields as a map, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        m.put("got", got.toMap());
        m.put("expected", expected == null ? null : expected.toMap());
        m.put("closest", closest == null ? null : closest.toMap());
        m.put("fields", fields);
        m.put("text", describe());
        return m;
    }
}
