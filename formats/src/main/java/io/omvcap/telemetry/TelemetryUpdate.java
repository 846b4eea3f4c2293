package io.omvcap.telemetry;

import java.util.Objects;

/**
 * A host write to a telemetry control: {@code {0: name, 2: value}}.
 *
 * @param name  field name
 * @param value new value: Boolean, Long, Double or String
 */
public record TelemetryUpdate(String name, Object value) {
    /** Validates the fields. */
    public TelemetryUpdate {
        Objects.requireNonNull(name, "name");
    }
}
