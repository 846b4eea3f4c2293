package io.omvcap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The omvcap version, filtered into a resource at build time. */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    /** The version, e.g. {@code 0.1.0}. */
    public static String get() {
        return VERSION;
    }

    /** The library string written into archives, e.g. {@code omvcap 0.1.0}. */
    public static String library() {
        return "omvcap " + VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/omvcap-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
