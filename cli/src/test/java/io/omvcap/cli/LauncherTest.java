package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/omvcap}, the release launcher, run by {@code sh} with a stand-in {@code java} that
 * prints the arguments it was given: which runtime it picks, which versions it refuses, and that
 * it applies the per-command JVM settings exactly as {@link JvmDefaults} reads them.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("src/release/bin/omvcap").toAbsolutePath();
    private static final Path TABLE = Path.of("src/release/lib/jvm-options").toAbsolutePath();
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    @TempDir
    Path dir;

    /** One run of the launcher. */
    private record Run(int code, String out, String err) {
        List<String> args() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    @Test
    void everyCommandGetsItsLineOfTheTableThenTheUsersOptions() throws Exception {
        JvmDefaults table = JvmDefaults.parse(Files.readString(TABLE));
        Path jar = Files.createFile(dir.resolve("omvcap.jar"));
        Path java = fakeJava("17.0.15", true);
        List<String> commands = new ArrayList<>(table.commands());
        commands.add("info"); // no line of its own: the '*' line
        assertTrue(commands.contains("record"), "the table has a line for record");
        for (String user : new String[] {null, "-Xmx300m -XX:+UseParallelGC -Dx=1"}) {
            for (String command : commands) {
                Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", java.toString(), "OMVCAP_JAR",
                        jar.toString(), "OMVCAP_JVM_OPTIONS_FILE", TABLE.toString()));
                if (user != null) {
                    env.put("OMVCAP_JAVA_OPTS", user);
                }
                Run r = launch(env, command, "--flag", "two words");
                assertEquals(0, r.code(), r.err());
                List<String> expected = new ArrayList<>(table.launchOptions(command, user));
                expected.addAll(List.of(NATIVE_ACCESS, "-jar", jar.toString(), command, "--flag", "two words"));
                assertEquals(expected, r.args(), command + " with OMVCAP_JAVA_OPTS=" + user);
            }
        }
        List<String> record = table.launchOptions("record", "-Xmx300m -XX:+UseParallelGC");
        assertFalse(record.contains("-XX:+UseSerialGC"), "a collector in OMVCAP_JAVA_OPTS replaces the table's: " + record);
        assertEquals("-Xmx300m", record.stream().filter(o -> o.startsWith("-Xmx")).reduce((a, b) -> b).orElseThrow(),
                "the user's -Xmx comes last and wins");
    }

    @Test
    void aTableIsReadAlikeByTheLauncherAndJvmDefaults() throws Exception {
        String text = "# comment\nrecord -Xmx10m -XX:+UseSerialGC\n\n  # indented comment\n*   -Xss1m  -Da=b\n"
                + "record -Xmx99m\nsim\n";
        Path file = Files.writeString(dir.resolve("jvm-options"), text);
        JvmDefaults table = JvmDefaults.parse(text);
        assertEquals(List.of("-Xmx10m", "-XX:+UseSerialGC"), table.forCommand("record"), "the first line counts");
        assertEquals(List.of("-Xss1m", "-Da=b"), table.forCommand("cat"));
        assertEquals(List.of(), table.forCommand("sim"), "an empty line means the JVM's defaults");
        Path jar = Files.createFile(dir.resolve("omvcap.jar"));
        for (String command : List.of("record", "cat", "sim", "--help")) {
            Run r = launch(Map.of("JAVA_HOME", fakeJava("21", true).toString(), "OMVCAP_JAR", jar.toString(),
                    "OMVCAP_JVM_OPTIONS_FILE", file.toString()), command);
            assertEquals(0, r.code(), r.err());
            List<String> expected = new ArrayList<>(table.forCommand(command));
            expected.addAll(List.of(NATIVE_ACCESS, "-jar", jar.toString(), command));
            assertEquals(expected, r.args(), command);
        }
    }

    @Test
    void javaBefore17IsRefusedInOneLine() throws Exception {
        Path jar = Files.createFile(dir.resolve("omvcap.jar"));
        Path java11 = fakeJava("11.0.22", true);
        Run r = launch(Map.of("JAVA_HOME", java11.toString(), "OMVCAP_JAR", jar.toString()), "demo");
        assertEquals(1, r.code());
        assertEquals("omvcap: " + java11.resolve("bin/java") + " is Java 11; omvcap needs Java 17 or newer "
                + "(install one, or point JAVA_HOME at it)\n", r.err());
        assertEquals("", r.out(), "java was not started");
        // without a release file the launcher asks 'java -version'
        Path java8 = fakeJava("1.8.0_392", false);
        Run old = launch(Map.of("JAVA_HOME", java8.toString(), "OMVCAP_JAR", jar.toString()), "demo");
        assertEquals(1, old.code());
        assertTrue(old.err().contains(" is Java 8; omvcap needs Java 17 or newer"), old.err());
        Run newer = launch(Map.of("JAVA_HOME", fakeJava("21.0.2", false).toString(), "OMVCAP_JAR", jar.toString()),
                "demo");
        assertEquals(0, newer.code(), newer.err());
    }

    @Test
    void javaComesFromJavaHomeElseFromPath() throws Exception {
        Path jar = Files.createFile(dir.resolve("omvcap.jar"));
        try (ToolPath noJava = ToolPath.without(name -> name.equals("java"))) {
            Run none = launch(Map.of("PATH", noJava.path(), "OMVCAP_JAR", jar.toString()), "demo");
            assertEquals(1, none.code());
            assertTrue(none.err().startsWith("omvcap: no Java runtime found: install Java 17 or newer"), none.err());
            assertEquals(1, none.err().lines().count(), none.err());

            Path fake = fakeJava("17", true);
            Run fromPath = launch(Map.of("PATH", fake.resolve("bin") + ":" + noJava.path(), "OMVCAP_JAR",
                    jar.toString()), "demo");
            assertEquals(0, fromPath.code(), fromPath.err());
            assertTrue(fromPath.args().contains("demo"), fromPath.out());
        }

        Run badHome = launch(Map.of("JAVA_HOME", dir.resolve("no-jdk").toString(), "OMVCAP_JAR", jar.toString()), "x");
        assertEquals(1, badHome.code());
        assertTrue(badHome.err().startsWith("omvcap: JAVA_HOME is " + dir.resolve("no-jdk") + " but it has no bin/java"),
                badHome.err());
    }

    @Test
    void theInstallFolderIsFoundThroughSymbolicLinks() throws Exception {
        Path install = dir.resolve("opt/omvcap");
        Files.createDirectories(install.resolve("bin"));
        Files.createDirectories(install.resolve("lib"));
        Files.copy(LAUNCHER, install.resolve("bin/omvcap"));
        Files.createFile(install.resolve("lib/omvcap.jar"));
        Files.writeString(install.resolve("lib/jvm-options"), "record -Xmx7m\n");
        Path usrBin = Files.createDirectories(dir.resolve("usr/bin"));
        Path link = Files.createSymbolicLink(usrBin.resolve("omvcap"), Path.of("../../opt/omvcap/bin/omvcap"));
        Run r = run(List.of("sh", link.toString(), "record"), Map.of("JAVA_HOME", fakeJava("17", true).toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("-Xmx7m", NATIVE_ACCESS, "-jar", install.toRealPath().resolve("lib/omvcap.jar").toString(),
                "record"), r.args());
    }

    @Test
    void aMissingJarIsNamed() throws Exception {
        Run r = launch(Map.of("JAVA_HOME", fakeJava("17", true).toString(), "OMVCAP_JAR", "/nonexistent/omvcap.jar"));
        assertEquals(1, r.code());
        assertEquals("omvcap: /nonexistent/omvcap.jar is missing (unpack the release archive again)\n", r.err());
    }

    @Test
    void argumentsWithSpacesAndPatternsPassThroughUntouched() throws Exception {
        Path jar = Files.createFile(dir.resolve("omvcap.jar"));
        Files.createFile(dir.resolve("a.mcap"));
        Run r = launch(Map.of("JAVA_HOME", fakeJava("17", true).toString(), "OMVCAP_JAR", jar.toString()),
                "cat", "*.mcap", "a  b", "$HOME", "");
        assertEquals(0, r.code(), r.err());
        List<String> args = r.args();
        assertEquals(List.of("cat", "*.mcap", "a  b", "$HOME"), args.subList(args.size() - 4, args.size()));
        assertTrue(r.out().endsWith("$HOME\n\n"), "the empty argument is kept: " + r.out());
    }

    /** A stand-in Java runtime reporting {@code version}, with or without a {@code release} file. */
    private Path fakeJava(String version, boolean releaseFile) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jdk-" + version + (releaseFile ? "" : "-norelease")));
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path java = bin.resolve("java");
        if (!Files.exists(java)) {
            Files.writeString(java, "#!/bin/sh\nif [ \"$1\" = -version ]; then\n"
                    + "  echo 'openjdk version \"" + version + "\" 2024-01-16' >&2\n  exit 0\nfi\n"
                    + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (releaseFile) {
                Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
            }
        }
        return home;
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        return run(cmd, env);
    }

    /** Runs {@code cmd} with a clean environment: PATH (unless given) and {@code env}. */
    private Run run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        Path out = dir.resolve("launch.out");
        Path err = dir.resolve("launch.err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher finished");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
