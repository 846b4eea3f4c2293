package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive {@code mvn package} builds (run by failsafe after {@code package}): what it
 * holds, the native libraries in its jar, and {@code bin/omvcap} unpacked into an empty folder
 * outside the source tree, run with Maven off the PATH, a working folder and HOME of its own.
 */
class ReleaseArchiveIT {
    private static final Path SOURCE = Path.of(System.getProperty("omvcap.source.root", "..")).toAbsolutePath().normalize();
    private static final Path ARCHIVE = Path.of(System.getProperty("omvcap.release.archive",
            "../dist/omvcap-" + Version.get() + ".tar.gz"));

    @TempDir
    static Path unpacked;
    /** The archive's top folder, {@code omvcap-VERSION}. */
    static Path release;

    @TempDir
    Path work;

    @BeforeAll
    static void unpack() throws Exception {
        assertTrue(Files.isRegularFile(ARCHIVE), "mvn package builds " + ARCHIVE);
        assertFalse(unpacked.toRealPath().startsWith(SOURCE.toRealPath()),
                "the release is unpacked outside the source tree (java.io.tmpdir is " + unpacked + ")");
        Process tar = new ProcessBuilder("tar", "-xzf", ARCHIVE.toAbsolutePath().toString(), "-C", unpacked.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), out);
        try (Stream<Path> top = Files.list(unpacked)) {
            List<Path> folders = top.toList();
            assertEquals(1, folders.size(), "one top folder: " + folders);
            release = folders.get(0);
        }
        assertEquals("omvcap-" + Version.get(), release.getFileName().toString());
    }

    @Test
    void theArchiveHoldsTheLauncherTheJarScriptsSamplesDocsAndLicenses() throws Exception {
        assertTrue(Files.isExecutable(release.resolve("bin/omvcap")), "bin/omvcap is executable");
        assertTrue(Files.size(release.resolve("lib/omvcap.jar")) > 1_000_000, "lib/omvcap.jar is the fat jar");
        assertArrayEquals(Files.readAllBytes(SOURCE.resolve("cli/src/release/lib/jvm-options")),
                Files.readAllBytes(release.resolve("lib/jvm-options")));
        assertArrayEquals(Files.readAllBytes(SOURCE.resolve("README.md")), Files.readAllBytes(release.resolve("README.md")));
        assertTrue(Files.isRegularFile(release.resolve("docs/unattended.md")));
        assertEquals(files(SOURCE.resolve("cam-scripts"), ".py"), files(release.resolve("cam-scripts"), ".py"));
        assertEquals(files(SOURCE.resolve("sample-sessions"), ""), files(release.resolve("sample-sessions"), ""));

        String thirdParty = Files.readString(release.resolve("licenses/THIRD-PARTY.txt"));
        assertFalse(thirdParty.contains("Unknown license"), "every bundled library names its license:\n" + thirdParty);
        assertFalse(thirdParty.contains("io.omvcap:"), "omvcap's own modules are not third-party:\n" + thirdParty);
        for (String artifact : List.of("jSerialComm", "jna", "zstd-jni", "lz4-java", "commons-cli", "jackson-core")) {
            assertTrue(thirdParty.contains(":" + artifact + ":"), artifact + " is listed:\n" + thirdParty);
        }
        try (Stream<Path> own = Files.list(release.resolve("licenses"))) {
            for (Path p : own.filter(Files::isDirectory).toList()) {
                assertTrue(thirdParty.contains(":" + p.getFileName() + ":"),
                        "licenses/" + p.getFileName() + " belongs to a listed library");
            }
        }
        assertTrue(Files.exists(release.resolve("licenses/jna/META-INF/LICENSE")), "license files shipped in jars");
    }

    @Test
    void theJarHoldsTheNativeLibrariesForLinuxX8664Aarch64AndArmv7() throws Exception {
        try (JarFile jar = new JarFile(release.resolve("lib/omvcap.jar").toFile())) {
            assertEquals(List.of(), NativeLibraries.problems(jar));
            assertEquals("io.omvcap.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    @Test
    void binOmvcapDemoRunsOutOfTreeWithOnlyJavaOnThePath() throws Exception {
        try (ToolPath path = ToolPath.without(name -> name.startsWith("mvn"))) {
            String pathValue = withJava(path);
            Run mvn = run(List.of("sh", "-c", "command -v mvn"), Map.of("PATH", pathValue));
            assertNotEquals(0, mvn.code(), "Maven is off the PATH: " + mvn.out());
            Run demo = run(List.of(release.resolve("bin/omvcap").toString(), "demo", "--duration", "2s"),
                    Map.of("PATH", pathValue));
            assertEquals(0, demo.code(), demo.err());
            assertTrue(Files.size(work.resolve("demo-session.mcap")) > 10_000, "demo-session.mcap in the working folder");
            assertTrue(demo.out().contains("/channel/telemetry/telemetry"), demo.out());
            assertTrue(demo.out().contains(", zstd "), "zstd-jni compressed the chunks: " + demo.out());
            assertFalse(demo.err().contains("building"), "nothing is built: " + demo.err());
        }
    }

    @Test
    void binOmvcapRecordsACamThatAppearsLaterWithJavaFromJavaHome() throws Exception {
        try (ToolPath path = ToolPath.without(name -> name.startsWith("mvn") || name.equals("java"))) {
            Map<String, String> env = Map.of("PATH", path.path(), "JAVA_HOME", System.getProperty("java.home"));
            String omvcap = release.resolve("bin/omvcap").toString();
            Path cam = work.resolve("ttyCAM");
            Path out = work.resolve("capture");
            ProcessBuilder record = builder(List.of(omvcap, "record", "--port", cam.toString(), "--wait-for-port", "60s",
                    "--duration", "3s", "--compression", "lz4", "--out", out.toString()), env);
            Path recordErr = work.resolve("record.err");
            Process recorder = record.redirectError(recordErr.toFile()).redirectOutput(work.resolve("record.out").toFile())
                    .start();
            Process sim = null;
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!(Files.exists(recordErr) && Files.readString(recordErr).contains("waiting for " + cam))) {
                    assertTrue(recorder.isAlive() && System.nanoTime() < deadline,
                            "record waits for the port: " + Files.readString(recordErr));
                    Thread.sleep(50);
                }
                sim = builder(List.of(omvcap, "sim", "--link", cam.toString()), env)
                        .redirectErrorStream(true).redirectOutput(work.resolve("sim.log").toFile()).start();
                assertTrue(recorder.waitFor(60, TimeUnit.SECONDS), "record finished");
                assertEquals(0, recorder.exitValue(), Files.readString(recordErr));
            } finally {
                recorder.destroyForcibly();
                if (sim != null) {
                    sim.destroy();
                    sim.waitFor(10, TimeUnit.SECONDS);
                }
            }
            assertTrue(Files.readString(recordErr).contains(cam + " appeared after"), Files.readString(recordErr));
            List<Path> files;
            try (Stream<Path> s = Files.list(out)) {
                files = s.filter(p -> p.toString().endsWith(".mcap")).toList();
            }
            assertEquals(1, files.size(), String.valueOf(files));
            Run info = run(List.of(omvcap, "info", files.get(0).toString(), "--json"), env);
            assertEquals(0, info.code(), info.err());
            JsonNode json = Json.mapper().readTree(info.out());
            assertEquals("lz4", json.get("compression").asText());
            assertEquals("host", json.at("/session/mode").asText());
            assertTrue(info.out().contains("/channel/telemetry/telemetry"), info.out());
        }
    }

    /** The PATH value of {@code path}, plus this JVM's {@code java} if PATH had none. */
    private String withJava(ToolPath path) throws IOException {
        if (Files.exists(Path.of(path.path(), "java"))) {
            return path.path();
        }
        Path own = Files.createDirectories(work.resolve("java-bin"));
        Files.createSymbolicLink(own.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        return own + ":" + path.path();
    }

    private static TreeSet<String> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> dir.relativize(p).toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    /** A child in {@link #work} with a clean environment: {@code env} plus HOME = an empty folder. */
    private ProcessBuilder builder(List<String> cmd, Map<String, String> env) throws IOException {
        assertFalse(work.toRealPath().startsWith(SOURCE.toRealPath()), "runs outside the source tree");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().clear();
        pb.environment().put("HOME", Files.createDirectories(work.resolve("home")).toString());
        pb.environment().putAll(env);
        return pb;
    }

    /** One finished child process. */
    private record Run(int code, String out, String err) {
    }

    private Run run(List<String> cmd, Map<String, String> env) throws Exception {
        Path out = work.resolve("run.out");
        Path err = work.resolve("run.err");
        Process p = builder(cmd, env).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
