package io.omvcap.replay;

import io.omvcap.archive.DeviceFacts;

/**
 * Something the recorded cam did that is not a channel's payload, at its replay time: a change of
 * its facts, a channel registration, a soft reboot, a script starting or stopping, a channel
 * event, the link hanging up, or the start of another recorded session. Soft reboots, hang-ups
 * and session starts are boundaries: payloads recorded before them are not served after them.
 */
sealed interface Cue {
    /** Replay time. */
    long time();

    /** Whether crossing it ends what was served before (the cam lost its state or the host its link). */
    default boolean boundary() {
        return false;
    }

    /** The host learned the cam's facts (a {@code /device} record). */
    record Device(long time, DeviceFacts facts) implements Cue {
    }

    /** SYS_EVENT CHANNEL_REGISTERED: a script registered a channel. */
    record Registered(long time) implements Cue {
    }

    /** SYS_EVENT SOFT_REBOOT: the cam restarted its protocol; script channels vanished. */
    record SoftReboot(long time) implements Cue {
        @Override
        public boolean boundary() {
            return true;
        }
    }

    /** A stdin event: a script started or stopped. */
    record Script(long time, boolean running) implements Cue {
    }

    /** A CHANNEL_EVENT on a script channel (e.g. "frame ready"). */
    record ChannelEvent(long time, int channelId, String channel, int code) implements Cue {
    }

    /** The host lost the link (unplug, reset, silence). */
    record HangUp(long time) implements Cue {
        @Override
        public boolean boundary() {
            return true;
        }
    }

    /** A file that is not a rotated continuation begins (or a looped replay starts over). */
    record SessionStart(long time, int part, int pass) implements Cue {
        @Override
        public boolean boundary() {
            return true;
        }
    }
}
