package io.omvcap.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the MCAP project's reference TypeScript readers ({@code @mcap/core} 2.2.2 with
 * {@code @mcap/support} 1.1.0, pinned in {@code .ci/mcap-check/}) on a file, CRCs validated,
 * through {@code .ci/mcap-check/check.mjs}. Installs the npm packages with {@code npm ci} when
 * missing; fails (never skips) when node or npm is unavailable.
 */
public final class ReferenceReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path checkDir;

    private ReferenceReader() {
    }

    /**
     * The reference readers' JSON summary of {@code file} (stream and indexed read: records and
     * messages by type and topic, header, statistics); asserts that both read it cleanly.
     */
    public static synchronized JsonNode check(Path file) throws Exception {
        install();
        Result r = exec(List.of("node", checkDir.resolve("check.mjs").toString(), file.toString()), 120);
        assertEquals(0, r.exit, "reference reader rejected " + file.getFileName() + ": " + r.err);
        return JSON.readTree(r.out);
    }

    /** The repository root, from a module folder or the root itself. */
    public static Path repoRoot() {
        Path cwd = Paths.get("").toAbsolutePath();
        return Files.exists(cwd.resolve("formats")) ? cwd : cwd.getParent();
    }

    private static void install() throws Exception {
        if (checkDir != null) {
            return;
        }
        Path dir = repoRoot().resolve(".ci").resolve("mcap-check");
        assertTrue(Files.isRegularFile(dir.resolve("check.mjs")), dir + "/check.mjs missing");
        Result node = exec(List.of("node", "--version"), 30);
        assertEquals(0, node.exit, "node is required for the reference reader check: " + node.err);
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("@mcap").resolve("core"))) {
            Result npm = exec(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", dir.toString()), 600);
            assertEquals(0, npm.exit, "npm ci failed: " + npm.out + npm.err);
        }
        checkDir = dir;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result exec(List<String> command, int timeoutSeconds) throws Exception {
        Path err = Files.createTempFile("mcap-check", ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            } catch (IOException e) {
                fail("cannot run " + command.get(0) + ": " + e.getMessage());
                return null;
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(command + " timed out");
            }
            return new Result(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
