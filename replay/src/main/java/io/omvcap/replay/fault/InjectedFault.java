package io.omvcap.replay.fault;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fault that was injected.
 *
 * @param nanos  when, in nanoseconds since the first host connected
 * @param kind   what
 * @param spec   the plan item that fired
 * @param detail the packet or request it hit, e.g. {@code CHANNEL_READ ch 7 seq 12}
 */
public record InjectedFault(long nanos, FaultKind kind, String spec, String detail) {
    /** One line, e.g. {@code 1.204 s drop (drop=0.01): CHANNEL_READ ch 7 seq 12}. */
    public String describe() {
        return String.format("%.3f s %s (%s): %s", nanos / 1e9, kind.specName(), spec, detail);
    }

    /** The fields as a map, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time_s", nanos / 1e9);
        m.put("kind", kind.specName());
        m.put("spec", spec);
        m.put("detail", detail);
        return m;
    }
}
