package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.mcap.Compression;
import io.omvcap.testing.SampleArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thousands of mutated archives through info, cat and recover: one-line errors, never a crash. */
class HostileArchiveTest {
    @Test
    void mutatedFilesGiveOneLineErrorsOrResults(@TempDir Path dir) throws Exception {
        byte[] good = Files.readAllBytes(SampleArchives.write(dir.resolve("good.mcap"), "c-echo", Compression.ZSTD));
        byte[] plain = Files.readAllBytes(SampleArchives.write(dir.resolve("plain.mcap"), "a-connect", Compression.NONE));
        Random rnd = new Random(2026);
        Path f = dir.resolve("m.mcap");
        Path out = dir.resolve("out.mcap");
        int runs = 0;
        for (int i = 0; i < 1200; i++) {
            byte[] base = i % 2 == 0 ? good : plain;
            byte[] m = base.clone();
            switch (i % 4) {
                case 0 -> m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length));
                case 2 -> {
                    int at = 8 + rnd.nextInt(m.length - 17);
                    for (int k = 0; k < 8; k++) {
                        m[at + k] = (byte) 0xFF; // huge length fields
                    }
                }
                default -> {
                    for (int k = 0; k < 1 + rnd.nextInt(20); k++) {
                        m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                    }
                }
            }
            Files.write(f, m);
            for (String[] args : new String[][] {{"info", f.toString()}, {"cat", f.toString()},
                {"recover", "--force", f.toString(), "-o", out.toString()}}) {
                CliRun r = CliRun.of(args);
                runs++;
                assertTrue(Set.of(0, 1, 3).contains(r.code()), args[0] + " exit " + r.code() + ": " + r.err());
                assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
                long errorLines = r.err().lines().filter(l -> l.contains("error")).count();
                assertTrue(errorLines <= 1, "at most one error line: " + r.err());
                if (r.code() == 1) {
                    assertEquals(1, errorLines, args[0] + " failure says why: " + r.err());
                }
                if (args[0].equals("recover") && r.code() != 1) {
                    CliRun check = CliRun.of("info", out.toString());
                    assertEquals(0, check.code(), "every recovered output reads: " + check.err());
                }
            }
        }
        assertEquals(3600, runs);
    }
}
