package io.omvcap.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Streams every file of the MCAP conformance suite in {@code <shared>/mcap-conformance} and
 * compares the records with the expected {@code .json} (chunks expanded, MessageIndex records
 * left out).
 */
class McapConformanceTest {
    private static final int EXPECTED_FILES = 416;

    @TestFactory
    Stream<DynamicTest> streamReaderMatchesExpectedRecords() throws IOException {
        Path dir = TestFiles.sharedDir().resolve("mcap-conformance");
        if (!Files.isDirectory(dir)) {
            // surefire does not count an aborted test factory as skipped, so say it on the console too
            String why = dir + " not found; MCAP conformance skipped (set -Domvcap.shared.dir)";
            System.err.println("McapConformanceTest: " + why);
            Assumptions.abort(why);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".mcap")).sorted().collect(Collectors.toList());
        }
        assertEquals(EXPECTED_FILES, files.size(), "conformance files found in " + dir);
        return files.stream().map(f -> DynamicTest.dynamicTest(dir.relativize(f).toString(), () -> check(f)));
    }

    private static void check(Path mcap) throws IOException {
        Path json = mcap.resolveSibling(mcap.getFileName().toString().replace(".mcap", ".json"));
        JsonNode expected = ConformanceJson.MAPPER.readTree(json.toFile()).get("records");
        ArrayNode actual = ConformanceJson.MAPPER.createArrayNode();
        try (McapStreamReader reader = McapStreamReader.open(mcap)) {
            for (McapRecord r; (r = reader.next()) != null; ) {
                if (!(r instanceof MessageIndex)) {
                    actual.add(ConformanceJson.toJson(r));
                }
            }
            assertTrue(reader.done(), "reader reached the closing magic");
            assertEquals(0, reader.unknownRecordCount());
        }
        assertEquals(expected, actual, () -> "records of " + mcap.getFileName());
    }
}
