package io.omvcap.telemetry;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One field of a CBOR telemetry read. Every component except {@code name} may be {@code null}
 * when the cam did not send its key.
 *
 * @param name        field name (key 0)
 * @param widget      widget type name (key −30), see {@link Widget}
 * @param value       value (key 2): Boolean, Long, Double or String
 * @param unit        unit (key 1), e.g. {@code Cel}
 * @param stringValue string value (key 3), e.g. a waveform typecode
 * @param timeMicros  time in µs (key 6)
 * @param updateTime  update time (key 7)
 * @param data        binary data (key 8)
 * @param width       width (key −20)
 * @param height      height (key −21)
 * @param min         range minimum (key −23)
 * @param max         range maximum (key −24)
 * @param sliderMin   slider minimum (key −31)
 * @param sliderMax   slider maximum (key −32)
 * @param step        step (key −33)
 * @param options     options (key −34)
 * @param extra       keys this version does not know, kept as decoded
 */
public record TelemetryField(String name, String widget, Object value, String unit, String stringValue,
        Long timeMicros, Double updateTime, byte[] data, Long width, Long height, Double min, Double max,
        Double sliderMin, Double sliderMax, Double step, List<String> options, Map<Integer, Object> extra) {

    /** Validates and copies the collections. */
    public TelemetryField {
        Objects.requireNonNull(name, "name");
        options = options == null ? null : List.copyOf(options);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** A field with only name, widget, value and unit (the common sensor / control shape). */
    public static TelemetryField of(String name, Widget widget, Object value, String unit) {
        return new TelemetryField(name, widget == null ? null : widget.wireName(), value, unit, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    /** A slider control with its range and step. */
    public static TelemetryField slider(String name, double value, double min, double max, double step, String unit) {
        return new TelemetryField(name, Widget.SLIDER.wireName(), value, unit, null, null, null, null, null, null,
                null, null, min, max, step, null, null);
    }

    /** The known widget, or {@code null}. */
    public Widget knownWidget() {
        return Widget.of(widget);
    }

    /** The value as a number, or {@code null} when it is not numeric (booleans count as 0/1). */
    public Double numericValue() {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return null;
    }

    /** A copy with another value. */
    public TelemetryField withValue(Object newValue) {
        return new TelemetryField(name, widget, newValue, unit, stringValue, timeMicros, updateTime, data, width,
                height, min, max, sliderMin, sliderMax, step, options, extra);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelemetryField f && name.equals(f.name) && Objects.equals(widget, f.widget)
                && Objects.equals(value, f.value) && Objects.equals(unit, f.unit)
                && Objects.equals(stringValue, f.stringValue) && Objects.equals(timeMicros, f.timeMicros)
                && Objects.equals(updateTime, f.updateTime) && Arrays.equals(data, f.data)
                && Objects.equals(width, f.width) && Objects.equals(height, f.height) && Objects.equals(min, f.min)
                && Objects.equals(max, f.max) && Objects.equals(sliderMin, f.sliderMin)
                && Objects.equals(sliderMax, f.sliderMax) && Objects.equals(step, f.step)
                && Objects.equals(options, f.options) && extra.equals(f.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, widget, value, unit) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('=').append(value);
        if (unit != null) {
            sb.append(' ').append(unit);
        }
        if (widget != null) {
            sb.append(" (").append(widget).append(')');
        }
        if (data != null) {
            sb.append(" [").append(data.length).append(" bytes]");
        }
        return sb.toString();
    }
}
