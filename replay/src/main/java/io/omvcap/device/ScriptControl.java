package io.omvcap.device;

/**
 * What the stdin channel's STOP and EXEC ioctls ask of whoever runs scripts (the firmware raises
 * a KeyboardInterrupt in the VM). Called on the engine thread while the ioctl is handled; the
 * reaction (script stop, start, soft reboot) must happen later, after the ioctl's ACK went out.
 */
public interface ScriptControl {
    /** The host asked to stop the running script. */
    void requestStop();

    /** The host asked to run the uploaded script (the buffer is not empty). */
    void requestExec();

    /** Ignores both requests. */
    ScriptControl NONE = new ScriptControl() {
        @Override
        public void requestStop() {
        }

        @Override
        public void requestExec() {
        }
    };
}
