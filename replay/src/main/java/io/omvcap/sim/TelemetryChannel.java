package io.omvcap.sim;

import io.omvcap.device.ChannelBackend;
import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryField;
import io.omvcap.telemetry.TelemetryFormatException;
import io.omvcap.telemetry.TelemetryUpdate;
import io.omvcap.telemetry.Widget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code telemetry} channel, shaped like {@code protocol.CBORChannel}: reads return a CBOR
 * array of field maps; poll is "dirty" (new values since the host last asked for the size), and
 * {@code size()} clears it. Host writes are CBOR update arrays {@code [{0: name, 2: value}]}
 * (possibly split over several writes); values of control widgets (toggle, slider, …) are taken
 * over, anything else is stored and acknowledged.
 */
final class TelemetryChannel implements ChannelBackend {
    private static final int MAX_WRITE = 64 * 1024;

    private final Map<String, Object> controls = new HashMap<>();
    private List<TelemetryField> fields = List.of();
    private byte[] encoded = TelemetryCodec.encode(List.of());
    private boolean dirty;
    private byte[] pending = new byte[0];

    /** Publishes new field values (the script's update). */
    void publish(List<TelemetryField> newFields) {
        List<TelemetryField> out = new ArrayList<>(newFields.size());
        for (TelemetryField f : newFields) {
            Widget w = f.knownWidget();
            if (w != null && w.isControl()) {
                Object v = controls.putIfAbsent(f.name(), f.value());
                out.add(v == null ? f : f.withValue(v));
            } else {
                out.add(f);
            }
        }
        fields = List.copyOf(out);
        encoded = TelemetryCodec.encode(fields);
        dirty = true;
    }

    /** The current value of control {@code name}, or {@code fallback}. */
    Object control(String name, Object fallback) {
        return controls.getOrDefault(name, fallback);
    }

    @Override
    public boolean poll() {
        return dirty;
    }

    @Override
    public long size() {
        dirty = false;
        return encoded.length;
    }

    @Override
    public int read(long offset, byte[] dst, int dstOff, int length) {
        return BufferReads.copy(encoded, offset, dst, dstOff, length);
    }

    @Override
    public int write(long offset, byte[] src, int srcOff, int length) {
        if (offset + length > MAX_WRITE) {
            return 0;
        }
        if (offset == 0) {
            pending = new byte[0];
        }
        if (offset + length > pending.length) {
            pending = Arrays.copyOf(pending, (int) offset + length);
        }
        System.arraycopy(src, srcOff, pending, (int) offset, length);
        try {
            apply(TelemetryCodec.decodeUpdates(pending));
        } catch (TelemetryFormatException e) {
            // incomplete or not an update list: stored, acknowledged
        }
        return length;
    }

    private void apply(List<TelemetryUpdate> updates) {
        boolean changed = false;
        List<TelemetryField> out = new ArrayList<>(fields);
        for (TelemetryUpdate u : updates) {
            for (int i = 0; i < out.size(); i++) {
                TelemetryField f = out.get(i);
                Widget w = f.knownWidget();
                if (f.name().equals(u.name()) && w != null && w.isControl()) {
                    Object v = coerce(f, u.value());
                    controls.put(f.name(), v);
                    out.set(i, f.withValue(v));
                    changed = true;
                }
            }
        }
        if (changed) {
            fields = List.copyOf(out);
            encoded = TelemetryCodec.encode(fields);
            dirty = true;
        }
    }

    private static Object coerce(TelemetryField f, Object value) {
        if (f.knownWidget() == Widget.TOGGLE) {
            return value instanceof Boolean b ? b : value instanceof Number n && n.doubleValue() != 0;
        }
        if (f.knownWidget() == Widget.SLIDER && value instanceof Number n) {
            double v = n.doubleValue();
            if (f.sliderMin() != null) {
                v = Math.max(v, f.sliderMin());
            }
            if (f.sliderMax() != null) {
                v = Math.min(v, f.sliderMax());
            }
            return v;
        }
        return value;
    }
}
