package io.omvcap.payload;

/**
 * A major.minor.patch version as three bytes on the wire.
 *
 * @param major major
 * @param minor minor
 * @param patch patch
 */
public record SemVer(int major, int minor, int patch) {
    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
