package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher's contract: help everywhere, version, exit codes, one-line errors. */
class CommandLineTest {
    @Test
    void versionAndOverview() {
        CliRun v = CliRun.of("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().matches("omvcap \\d+\\.\\d+\\.\\d+.*\\n"), v.out());
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.code());
        for (Command c : Omvcap.builtinCommands()) {
            assertTrue(help.out().contains("  " + c.name() + " "), "overview lists " + c.name());
        }
        assertEquals(2, CliRun.of().code(), "no command is a usage error");
    }

    @Test
    void everyCommandHasHelp() {
        for (Command c : Omvcap.builtinCommands()) {
            CliRun r = CliRun.of(c.name(), "--help");
            assertEquals(0, r.code(), c.name());
            assertTrue(r.out().startsWith("Usage: omvcap " + c.name()), r.out());
            assertTrue(r.out().contains("--help"), c.name() + " help lists --help");
            assertEquals("", r.err());
        }
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        CliRun unknown = CliRun.of("frobnicate");
        assertEquals(ExitCode.USAGE, unknown.code());
        assertEquals("omvcap: unknown command 'frobnicate' (try 'omvcap --help')\n", unknown.err());
        CliRun badOpt = CliRun.of("decode", "--nope", "x");
        assertEquals(ExitCode.USAGE, badOpt.code());
        assertEquals(1, badOpt.err().lines().count(), badOpt.err());
        CliRun missing = CliRun.of("decode");
        assertEquals(ExitCode.USAGE, missing.code());
        assertTrue(missing.err().contains("missing FILE"), missing.err());
        CliRun badNumber = CliRun.of("decode", "--max-payload", "lots", "x");
        assertEquals(ExitCode.USAGE, badNumber.code());
        assertTrue(badNumber.err().contains("--max-payload expects an integer"), badNumber.err());
    }

    @Test
    void runtimeErrorsExitOneWithOneLineAndNoStackTrace(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("decode", dir.resolve("absent.bin").toString());
        assertEquals(ExitCode.ERROR, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("absent.bin: no such file or directory"), r.err());
        Path hex = dir.resolve("bad.hex");
        Files.writeString(hex, "aad5 00 zz");
        CliRun h = CliRun.of("decode", "--hex", hex.toString());
        assertEquals(ExitCode.ERROR, h.code());
        assertTrue(h.err().contains("invalid hex character 'z'"), h.err());
        assertTrue(!h.err().contains("\tat "), "no stack trace");
    }

    @Test
    void argumentParsers() throws Exception {
        assertEquals(512L << 20, Args.parseSize("x", "512M"));
        assertEquals(2L << 30, Args.parseSize("x", "2GB"));
        assertEquals(4096, Args.parseSize("x", "4096"));
        assertEquals(90_000, Args.parseDuration("x", "90s").toMillis());
        assertEquals(7_200_000, Args.parseDuration("x", "2h").toMillis());
        assertEquals(250, Args.parseDuration("x", "250ms").toMillis());
        org.junit.jupiter.api.Assertions.assertThrows(UsageException.class, () -> Args.parseSize("--x", "big"));
    }

    @Test
    void benchListsItsBenchmarksAndRejectsUnknownOnes() {
        CliRun list = CliRun.of("bench", "--list");
        assertEquals(0, list.code());
        assertTrue(list.out().contains("wire-decode"), list.out());
        CliRun unknown = CliRun.of("bench", "nope");
        assertEquals(ExitCode.USAGE, unknown.code());
        assertTrue(unknown.err().contains("unknown benchmark 'nope'"), unknown.err());
    }
}
