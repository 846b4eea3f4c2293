package io.omvcap.sim;

import io.omvcap.device.BoardProfile;
import io.omvcap.device.EngineOptions;
import java.util.Objects;

/**
 * How a simulated cam behaves. Build one with {@link #builder()} (a general test cam) or
 * {@link #reference()} (the script of the golden-transcript harness).
 *
 * @param board            board profile: max payload, version, sys info
 * @param seed             seed of every pseudo-random value (telemetry noise, pattern phase)
 * @param scriptStart      main.py at boot, or only after stdin EXEC
 * @param prints           whether the script prints {@code hello from cam N} each loop
 * @param loopPeriodMs     script loop period
 * @param frameRateHz      frames per second for the stream preview and the {@code frame} channel
 *                         (reference mode: one per loop)
 * @param frameWidth       frame width in pixels
 * @param frameHeight      frame height in pixels
 * @param registerDelayMs  time from script start to channel registration
 * @param referenceMode    reproduce the transcript harness exactly (12000-byte pattern frame,
 *                         temp/count/mirror telemetry, frames in the loop)
 * @param softRebootBanner print {@code MPY: soft reboot} into stdout after a soft reboot
 * @param jpegQuality      initial JPEG quality (the {@code config} channel changes it)
 * @param engineOptions    protocol engine options
 * @param framePattern     what the frames show (noise makes large, incompressible JPEGs)
 */
public record SimConfig(BoardProfile board, long seed, ScriptStart scriptStart, boolean prints, int loopPeriodMs,
        double frameRateHz, int frameWidth, int frameHeight, int registerDelayMs, boolean referenceMode,
        boolean softRebootBanner, int jpegQuality, EngineOptions engineOptions, FramePattern framePattern) {

    /** Validates the values. */
    public SimConfig {
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(scriptStart, "scriptStart");
        Objects.requireNonNull(engineOptions, "engineOptions");
        Objects.requireNonNull(framePattern, "framePattern");
        if (loopPeriodMs <= 0 || registerDelayMs < 0 || !(frameRateHz > 0) || frameRateHz > 1000) {
            throw new IllegalArgumentException("loop period, register delay and frame rate must be positive");
        }
        if (frameWidth < 8 || frameHeight < 8 || frameWidth > 4096 || frameHeight > 4096) {
            throw new IllegalArgumentException("frame size must be 8..4096 pixels per side");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1..100");
        }
    }

    /** A builder with general defaults: H7 Plus, seed 1, main.py, prints, 100 ms loop, 10 fps 320x240. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset to the transcript harness: reference board and mode, 64x48 JPEGs, no prints. */
    public static Builder reference() {
        return new Builder().board(BoardProfile.REFERENCE).referenceMode(true).prints(false).frameSize(64, 48)
                .frameRateHz(10);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().board(board).seed(seed).scriptStart(scriptStart).prints(prints).loopPeriodMs(loopPeriodMs)
                .frameRateHz(frameRateHz).frameSize(frameWidth, frameHeight).registerDelayMs(registerDelayMs)
                .referenceMode(referenceMode).softRebootBanner(softRebootBanner).jpegQuality(jpegQuality)
                .engineOptions(engineOptions).framePattern(framePattern);
    }

    /** Fluent builder of {@link SimConfig}. */
    public static final class Builder {
        private BoardProfile board = BoardProfile.H7_PLUS;
        private long seed = 1;
        private ScriptStart scriptStart = ScriptStart.MAIN_PY;
        private boolean prints = true;
        private int loopPeriodMs = 100;
        private double frameRateHz = 10;
        private int frameWidth = 320;
        private int frameHeight = 240;
        private int registerDelayMs = 100;
        private boolean referenceMode;
        private boolean softRebootBanner = true;
        private int jpegQuality = 90;
        private EngineOptions engineOptions = EngineOptions.DEFAULT;
        private FramePattern framePattern = FramePattern.BARS;

        private Builder() {
        }

        /** Board profile. */
        public Builder board(BoardProfile v) {
            board = v;
            return this;
        }

        /** Seed. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Script start. */
        public Builder scriptStart(ScriptStart v) {
            scriptStart = v;
            return this;
        }

        /** Whether the script prints. */
        public Builder prints(boolean v) {
            prints = v;
            return this;
        }

        /** Script loop period. */
        public Builder loopPeriodMs(int v) {
            loopPeriodMs = v;
            return this;
        }

        /** Frame rate. */
        public Builder frameRateHz(double v) {
            frameRateHz = v;
            return this;
        }

        /** Frame size. */
        public Builder frameSize(int width, int height) {
            frameWidth = width;
            frameHeight = height;
            return this;
        }

        /** Delay from script start to channel registration. */
        public Builder registerDelayMs(int v) {
            registerDelayMs = v;
            return this;
        }

        /** Reference (transcript harness) mode. */
        public Builder referenceMode(boolean v) {
            referenceMode = v;
            return this;
        }

        /** Whether a soft reboot prints {@code MPY: soft reboot}. */
        public Builder softRebootBanner(boolean v) {
            softRebootBanner = v;
            return this;
        }

        /** Initial JPEG quality. */
        public Builder jpegQuality(int v) {
            jpegQuality = v;
            return this;
        }

        /** Engine options. */
        public Builder engineOptions(EngineOptions v) {
            engineOptions = v;
            return this;
        }

        /** Frame pattern. */
        public Builder framePattern(FramePattern v) {
            framePattern = v;
            return this;
        }

        /** The configuration. */
        public SimConfig build() {
            return new SimConfig(board, seed, scriptStart, prints, loopPeriodMs, frameRateHz, frameWidth, frameHeight,
                    registerDelayMs, referenceMode, softRebootBanner, jpegQuality, engineOptions, framePattern);
        }
    }
}
