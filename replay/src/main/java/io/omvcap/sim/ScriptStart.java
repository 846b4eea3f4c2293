package io.omvcap.sim;

/** When the simulated script starts. */
public enum ScriptStart {
    /** As {@code main.py}: at boot, before any host connects (its boot-time events are lost). */
    MAIN_PY,
    /** Idle at the REPL until the host uploads a script and sends stdin EXEC ("fresh cam"). */
    ON_EXEC
}
