package io.omvcap.cli;

import io.omvcap.OmvcapVersion;

/** The version shown by {@code omvcap --version}. */
public final class Version {
    private Version() {
    }

    /** The version, e.g. {@code 0.1.0}. */
    public static String get() {
        return OmvcapVersion.get();
    }
}
