package io.omvcap.sim;

import io.omvcap.device.CamClock;
import io.omvcap.device.CamFirmware;
import io.omvcap.device.CamOutput;
import io.omvcap.device.ProtocolEngine;
import io.omvcap.device.ScriptControl;
import io.omvcap.payload.SystemEvent;
import java.util.Objects;

/**
 * A simulated OpenMV cam: the firmware protocol stack plus a MicroPython-like main loop that runs
 * the {@link SimScript}. Deterministic: with the same config, clock readings and host bytes it
 * produces the same bytes.
 *
 * <p>Script life cycle, as the firmware and the transcripts show it: a script starts at boot
 * ({@link ScriptStart#MAIN_PY}) or on stdin EXEC at the REPL (stdin event 0x0001; the uploaded
 * text itself is not interpreted). stdin STOP, or EXEC while a script runs, stops it (stdin event
 * 0x0000), sends SYS_EVENT SOFT_REBOOT and soft-reboots to the REPL; the upload is discarded, as
 * the firmware's stdin {@code exec()} does. SYS_RESET / SYS_BOOT reboot the whole cam.
 */
public final class SimCam {
    static final String SOFT_REBOOT_BANNER = "MPY: soft reboot\n";

    private final SimConfig config;
    private final CamFirmware cam;
    private final FrameMaker frames;
    private SimScript script;
    private boolean stopRequested;
    private boolean execRequested;
    private long scriptsStarted;

    /** A cam booted now (per {@code clock}), writing its bytes to {@code output}. */
    public SimCam(SimConfig config, CamClock clock, CamOutput output) {
        this.config = Objects.requireNonNull(config, "config");
        this.cam = new CamFirmware(config.board(), config.engineOptions(), clock, output);
        this.frames = new FrameMaker(config.frameWidth(), config.frameHeight(), config.seed(),
                config.framePattern());
        cam.stdin().setControl(new ScriptControl() {
            @Override
            public void requestStop() {
                stopRequested = true;
            }

            @Override
            public void requestExec() {
                execRequested = true;
            }
        });
        cam.engine().addTask(this::run);
        cam.engine().onSystemReset(bootloader -> hardReset());
        boot();
    }

    /** The protocol engine: feed it host bytes and ticks. */
    public ProtocolEngine engine() {
        return cam.engine();
    }

    /** The firmware (built-in channels). */
    public CamFirmware firmware() {
        return cam;
    }

    /** The configuration. */
    public SimConfig config() {
        return config;
    }

    /** Whether a script is running. */
    public boolean scriptRunning() {
        return script != null;
    }

    /** How many scripts were started since power-up. */
    public long scriptsStarted() {
        return scriptsStarted;
    }

    private void boot() {
        if (config.scriptStart() == ScriptStart.MAIN_PY) {
            startScript(cam.engine().clock().millis());
        }
    }

    private void run(long now) {
        if (stopRequested || execRequested) {
            boolean exec = execRequested;
            stopRequested = false;
            execRequested = false;
            if (script != null) {
                stopScript();
            } else if (exec) {
                cam.stdin().takeScript();
                startScript(now);
            }
        }
        if (script != null) {
            script.run(now);
        }
    }

    private void startScript(long now) {
        scriptsStarted++;
        cam.stdin().scriptRunning(true);
        script = new SimScript(config, cam, frames, now);
    }

    private void stopScript() {
        script = null;
        cam.stdin().scriptRunning(false);
        cam.engine().sendEvent(0, SystemEvent.SOFT_REBOOT.code(), false);
        cam.softReboot();
        if (config.softRebootBanner()) {
            cam.stdout().print(SOFT_REBOOT_BANNER);
        }
    }

    private void hardReset() {
        script = null;
        stopRequested = false;
        execRequested = false;
        cam.softReboot();
        cam.engine().hardReset();
        cam.stdout().clear();
        // the USB link re-enumerates while the cam boots: boot-time events never reach the host
        boolean active = cam.engine().isTransportActive();
        cam.engine().setTransportActive(false);
        boot();
        cam.engine().setTransportActive(active);
    }
}
