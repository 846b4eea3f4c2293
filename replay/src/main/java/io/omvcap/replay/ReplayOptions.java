package io.omvcap.replay;

import io.omvcap.replay.fault.FaultPlan;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a recording is replayed.
 *
 * @param mode         {@link ReplayMode#MODEL} (default) or {@link ReplayMode#STRICT}
 * @param speed        {@link Speed#MAX} (default, deterministic) or a factor of real time
 * @param loop         start over after the last file
 * @param start        first recorded time served (epoch ns; 0 for the beginning)
 * @param end          last recorded time served (epoch ns; -1 for the end)
 * @param faults       faults to inject
 * @param seed         seed of the random faults
 * @param recordHost   archive to record the replayed session into (mode {@code replay}), or null
 * @param onDivergence what strict mode does with a divergent request
 */
public record ReplayOptions(ReplayMode mode, Speed speed, boolean loop, long start, long end, FaultPlan faults,
        long seed, Path recordHost, DivergencePolicy onDivergence) {
    /** Model mode at max speed, no faults. */
    public static final ReplayOptions DEFAULTS = builder().build();

    /** Validates the fields. */
    public ReplayOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(speed, "speed");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(onDivergence, "onDivergence");
        if (end != -1L && Long.compareUnsigned(end, start) < 0) {
            throw new IllegalArgumentException("end is before start");
        }
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().mode(mode).speed(speed).loop(loop).window(start, end).faults(faults).seed(seed)
                .recordHost(recordHost).onDivergence(onDivergence);
    }

    /** Fluent builder of {@link ReplayOptions}. */
    public static final class Builder {
        private ReplayMode mode = ReplayMode.MODEL;
        private Speed speed = Speed.MAX;
        private boolean loop;
        private long start;
        private long end = -1L;
        private FaultPlan faults = FaultPlan.none();
        private long seed = 1;
        private Path recordHost;
        private DivergencePolicy onDivergence = DivergencePolicy.NAK;

        private Builder() {
        }

        /** Mode. */
        public Builder mode(ReplayMode v) {
            mode = v;
            return this;
        }

        /** Speed. */
        public Builder speed(Speed v) {
            speed = v;
            return this;
        }

        /** Looping. */
        public Builder loop(boolean v) {
            loop = v;
            return this;
        }

        /** Recorded time window (epoch ns, inclusive; {@code end} -1 for no end). */
        public Builder window(long from, long to) {
            start = from;
            end = to;
            return this;
        }

        /** Faults. */
        public Builder faults(FaultPlan v) {
            faults = v;
            return this;
        }

        /** Seed of the random faults. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Records the replayed session into this archive. */
        public Builder recordHost(Path v) {
            recordHost = v;
            return this;
        }

        /** What strict mode does with a divergent request. */
        public Builder onDivergence(DivergencePolicy v) {
            onDivergence = v;
            return this;
        }

        /** The options. */
        public ReplayOptions build() {
            return new ReplayOptions(mode, speed, loop, start, end, faults, seed, recordHost, onDivergence);
        }
    }
}
