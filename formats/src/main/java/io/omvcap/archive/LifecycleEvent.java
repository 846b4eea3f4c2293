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
    /** Extra field of tap and replay sessions saying whose end of the link an event is about. */
    public static final String SIDE = "side";
    /** {@link #SIDE}: the host program opened or closed its link (the cam carried on). */
    public static final String HOST_SIDE = "host";
    /** {@link #SIDE}: the cam's link went or came back (the host was hung up). */
    public static final String CAM_SIDE = "cam";

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

    /** An event about one side of the link ({@link #HOST_SIDE} or {@link #CAM_SIDE}). */
    public static LifecycleEvent of(LifecycleKind kind, String detail, String side) {
        return new LifecycleEvent(kind, detail, Map.of(SIDE, side));
    }

    /** Whether it is about the host's end of the link: a host program opening or closing it, the cam unaffected. */
    public boolean hostSide() {
        return HOST_SIDE.equals(extra.get(SIDE));
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
