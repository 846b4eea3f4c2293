package io.omvcap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JVM settings each command is started with: the table in {@code lib/jvm-options} of the
 * release (source: {@code cli/src/release/lib/jvm-options}, also bundled in the jar), read here
 * the way {@code bin/omvcap} reads it, so that benchmarks start child processes exactly as the
 * launcher would.
 *
 * <p>Format: one line per command, {@code NAME OPTION...}; {@code *} for every command without a
 * line of its own; {@code #} starts a comment line. The user's {@code OMVCAP_JAVA_OPTS} come
 * after the table's options (so they win), and a collector chosen there replaces the table's.
 */
public final class JvmDefaults {
    /** The class-path resource holding the table. */
    public static final String RESOURCE = "jvm-options";
    /** The environment variable with the user's extra JVM options. */
    public static final String USER_OPTIONS_ENV = "OMVCAP_JAVA_OPTS";
    private static final String EVERY_COMMAND = "*";

    private final Map<String, List<String>> byCommand;
    private final List<String> fallback;

    private JvmDefaults(Map<String, List<String>> byCommand, List<String> fallback) {
        this.byCommand = byCommand;
        this.fallback = fallback;
    }

    /** The table bundled in the jar. */
    public static JvmDefaults bundled() {
        try (InputStream in = JvmDefaults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE + " (a broken build)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a table; the first line for a command counts, as in the launcher. */
    public static JvmDefaults parse(String text) {
        Map<String, List<String>> byCommand = new LinkedHashMap<>();
        List<String> fallback = List.of();
        for (String line : text.split("\n")) {
            List<String> words = words(line);
            if (words.isEmpty() || words.get(0).startsWith("#")) {
                continue;
            }
            List<String> options = List.copyOf(words.subList(1, words.size()));
            if (words.get(0).equals(EVERY_COMMAND)) {
                fallback = options;
            } else {
                byCommand.putIfAbsent(words.get(0), options);
            }
        }
        return new JvmDefaults(byCommand, fallback);
    }

    /** The commands with a line of their own. */
    public Set<String> commands() {
        return byCommand.keySet();
    }

    /** The table's options for {@code command}. */
    public List<String> forCommand(String command) {
        return byCommand.getOrDefault(command, fallback);
    }

    /**
     * The JVM options {@code bin/omvcap} starts {@code command} with when {@code OMVCAP_JAVA_OPTS}
     * is {@code userOptions} (null or blank for none).
     */
    public List<String> launchOptions(String command, String userOptions) {
        List<String> user = words(userOptions == null ? "" : userOptions);
        boolean userPicksCollector = user.stream().anyMatch(JvmDefaults::choosesCollector);
        List<String> out = new ArrayList<>();
        for (String o : forCommand(command)) {
            if (!(userPicksCollector && choosesCollector(o))) {
                out.add(o);
            }
        }
        out.addAll(user);
        return out;
    }

    private static boolean choosesCollector(String option) {
        return option.startsWith("-XX:+Use") && option.endsWith("GC");
    }

    private static List<String> words(String s) {
        String t = s.strip();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }
}
