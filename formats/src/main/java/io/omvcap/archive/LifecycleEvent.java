package io.omvcap.archive;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A lifecycle message on {@code /session}.
 *
 * @param kind   what happened
 * @param detail one human-readable line
 * @param extra  kind-specific fields ({@code gap_ns}, {@code next_file}, …)
 */
public record LifecycleEvent(LifecycleKind kind, String detail, Map<String, Object> extra) {
    /** Validates and copies. */
    public LifecycleEvent {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** An event without extra fields. */
    public static LifecycleEvent of(LifecycleKind kind, String detail) {
        return new LifecycleEvent(kind, detail, Map.of());
    }

    /** The JSON map written to the archive. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.wireName());
        m.put("detail", detail);
        m.putAll(extra);
        return m;
    }

    /** Reads a record back from its map; unknown kinds become {@link LifecycleKind#ERROR}. */
    public static LifecycleEvent fromMap(Map<String, Object> m) {
        LifecycleKind k = LifecycleKind.parse(String.valueOf(m.get("kind")));
        Map<String, Object> extra = new LinkedHashMap<>(m);
        extra.remove("kind");
        extra.remove("detail");
        extra.values().removeIf(Objects::isNull);
        return new LifecycleEvent(k == null ? LifecycleKind.ERROR : k, ArchiveCodec.asString(m.get("detail")), extra);
    }
}
