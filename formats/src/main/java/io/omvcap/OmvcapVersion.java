package io.omvcap;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The omvcap version, filtered into a resource at build time; used in archives and by the CLI. */
public final class OmvcapVersion {
    private static final String VERSION = load();

    private OmvcapVersion() {
    }

    /** The version, e.g. {@code 0.1.0}. */
    public static String get() {
        return VERSION;
    }

    /** The library string written into archive headers, e.g. {@code omvcap 0.1.0}. */
    public static String library() {
        return "omvcap " + VERSION;
    }

    private static String load() {
        try (InputStream in = OmvcapVersion.class.getResourceAsStream("/omvcap-version.properties")) {
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
