package io.omvcap.sim;

import io.omvcap.device.CamFirmware;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.Event;
import io.omvcap.telemetry.TelemetryField;
import io.omvcap.telemetry.Widget;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The script the simulated cam runs: like a telemetry {@code main.py} it registers {@code ticks},
 * {@code echo}, {@code frame}, {@code telemetry} and {@code config} (ids 4–8 on a fresh cam)
 * {@code registerDelayMs} after it starts, then loops: count, publish telemetry, print. Frames
 * (stream preview + {@code frame} latch with channel event 0x0001) come once per loop in
 * reference mode and at the configured frame rate otherwise. One instance per script run.
 */
final class SimScript {
    /** Gain slider range and start value, as in cam-scripts/telemetry.py. */
    static final double MAX_GAIN_DB = 24.0;
    static final double DEFAULT_GAIN_DB = 12.0;
    /** Channel event sent when a new {@code frame} is latched. */
    static final int FRAME_READY = 0x0001;

    private final SimConfig config;
    private final CamFirmware cam;
    private final FrameMaker frames;
    private final SplittableRandom random;
    private final long registerAt;
    private final long framePeriodMs;
    private boolean registered;
    private long nextIteration;
    private long nextFrame;
    private long count;
    private long rendered;
    private long latched;
    private int frameId;

    private TelemetryChannel telemetry;
    private FrameChannel frame;
    private ConfigChannel settings;

    SimScript(SimConfig config, CamFirmware cam, FrameMaker frames, long startMs) {
        this.config = config;
        this.cam = cam;
        this.frames = frames;
        this.random = new SplittableRandom(config.seed());
        this.registerAt = startMs + config.registerDelayMs();
        this.framePeriodMs = Math.max(1, Math.round(1000 / config.frameRateHz()));
        if (config.prints()) {
            print();
        }
    }

    /** Runs what is due. */
    void run(long now) {
        if (!registered) {
            if (now < registerAt) {
                return;
            }
            register();
            nextIteration = now + config.loopPeriodMs();
            nextFrame = now + framePeriodMs;
            return;
        }
        if (now >= nextIteration) {
            nextIteration = next(nextIteration, config.loopPeriodMs(), now);
            iterate();
        }
        if (!config.referenceMode() && now >= nextFrame) {
            nextFrame = next(nextFrame, framePeriodMs, now);
            frames();
        }
    }

    private void register() {
        frame = new FrameChannel();
        telemetry = new TelemetryChannel();
        settings = new ConfigChannel(config.jpegQuality());
        cam.register("ticks", new TicksChannel(cam.engine().clock()));
        cam.register("echo", new EchoChannel());
        frameId = cam.register("frame", frame).id();
        cam.register("telemetry", telemetry);
        cam.register("config", settings);
        registered = true;
    }

    private void iterate() {
        count++;
        if (config.referenceMode()) {
            frames();
        }
        telemetry.publish(fields());
        if (config.prints()) {
            print();
        }
    }

    private void frames() {
        long n = ++rendered;
        byte[] jpeg = null;
        if (cam.stream().isEnabled()) {
            jpeg = render(n);
            float fps = (float) (1000.0 / (config.referenceMode() ? config.loopPeriodMs() : framePeriodMs));
            if (cam.stream().offerJpeg(config.frameWidth(), config.frameHeight(), jpeg, fps)) {
                cam.engine().sendEvent(BuiltinChannel.STREAM.id(), Event.NOTIFY, false);
            }
        }
        if (frame.wantsFrame()) {
            latched++;
            frame.latch(config.referenceMode() ? ReferencePattern.frame(latched) : jpeg != null ? jpeg : render(n));
            cam.engine().sendEvent(frameId, FRAME_READY, false);
        }
    }

    /**
     * Like cam-scripts/telemetry.py: the gain slider (0–24 dB) sets exposure (nominal at the default,
     * black at 0, saturating above), the LED adds light.
     */
    private byte[] render(long n) {
        boolean led = Boolean.TRUE.equals(telemetry.control("led", false));
        double gain = ((Number) telemetry.control("gain", DEFAULT_GAIN_DB)).doubleValue();
        double brightness = Math.min(100.0, 100.0 * gain / DEFAULT_GAIN_DB + (led ? 25.0 : 0.0));
        return frames.jpeg(n, settings.quality(), brightness, false);
    }

    private List<TelemetryField> fields() {
        if (config.referenceMode()) {
            return List.of(TelemetryField.of("temp", Widget.LABEL, 22.5 + 0.25 * count, "Cel"),
                    TelemetryField.of("count", Widget.LABEL, count, null),
                    TelemetryField.of("mirror", Widget.TOGGLE, false, null));
        }
        double temperature = Math.round((22.5 + 1.5 * Math.sin(count / 20.0) + random.nextDouble(-0.1, 0.1)) * 100) / 100.0;
        double humidity = Math.round((45 + 5 * Math.sin(count / 37.0) + random.nextDouble(-0.5, 0.5)) * 10) / 10.0;
        return List.of(TelemetryField.of("temperature", Widget.LABEL, temperature, "Cel"),
                TelemetryField.of("humidity", Widget.LABEL, humidity, "%RH"),
                TelemetryField.of("counter", Widget.LABEL, count, null),
                TelemetryField.of("led", Widget.TOGGLE, false, null),
                TelemetryField.slider("gain", DEFAULT_GAIN_DB, 0, MAX_GAIN_DB, 1, "dB"));
    }

    private void print() {
        cam.stdout().print("hello from cam " + count + "\n");
    }

    private static long next(long scheduled, long period, long now) {
        long n = scheduled + period;
        return n > now ? n : now + period;
    }
}
