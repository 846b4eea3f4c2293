package io.omvcap.sparkcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Spark, in local mode and with default settings (no mergeSchema, no legacy flags), reads a
 * dataset that the built {@code omvcap.jar} exported from two sessions of the simulated cam whose
 * telemetry has different fields.
 */
class SparkReadsExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // Spark waits forever when a worker thread dies
    void sparkReadsEveryTableAsIs() throws Exception {
        Path jar = Path.of(System.getProperty("omvcap.jar", "../../cli/target/omvcap.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is built by the cli module first ('mvn verify' from the root)");
        Path a = dir.resolve("a.mcap");
        Path b = dir.resolve("b.mcap");
        Path ds = dir.resolve("dataset");
        // long enough that a cold JVM on a busy machine connects and reads telemetry in each
        omvcap(jar, "record", "--port", "sim:fps=10,size=64x48", "--stream", "--duration", "3s", "--label",
                "cam=lab1", "--out", a.toString());
        omvcap(jar, "record", "--port", "sim:reference", "--duration", "4s", "--out", b.toString());
        Map<String, Long> rows = new HashMap<>();
        for (Path in : List.of(a, b)) {
            JsonNode r = JSON.readTree(omvcap(jar, "export", in.toString(), "--out", ds.toString(), "--json"));
            assertTrue(r.at("/tables/telemetry_telemetry/rows").asLong() > 0, in + " has telemetry: " + r);
            for (Iterator<Map.Entry<String, JsonNode>> it = r.get("tables").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                rows.merge(e.getKey(), e.getValue().get("rows").asLong(), Long::sum);
            }
        }
        SparkSession spark = SparkSession.builder().master("local[1]").appName("omvcap-spark-check")
                .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        try {
            List<String> checked = new ArrayList<>();
            for (Map.Entry<String, Long> e : rows.entrySet()) {
                Dataset<Row> t = spark.read().parquet(ds.resolve(e.getKey()).toString());
                assertEquals(e.getValue().longValue(), t.count(), e.getKey() + " row count");
                StructType schema = t.schema();
                assertEquals(DataTypes.StringType, schema.apply("session").dataType(), e.getKey() + ".session");
                if (schema.getFieldIndex("time").isDefined()) {
                    assertEquals(DataTypes.TimestampType, schema.apply("time").dataType(), e.getKey() + ".time");
                    assertEquals(DataTypes.LongType, schema.apply("log_time_ns").dataType(), e.getKey());
                }
                t.createOrReplaceTempView(e.getKey());
                checked.add(e.getKey());
            }
            assertTrue(checked.containsAll(List.of("packets", "reads", "writes", "telemetry", "telemetry_telemetry",
                    "frames", "events", "stdout", "session", "lifecycle")), checked.toString());

            // the wide table has the fields of both sessions, each null where its session lacks it
            List<Row> perSession = spark.sql("SELECT session, count(*), count(temperature), count(temp),"
                    + " avg(temperature), max(counter__int) FROM telemetry_telemetry GROUP BY session ORDER BY session")
                    .collectAsList();
            assertEquals(2, perSession.size(), perSession.toString());
            Row lab = perSession.get(0);
            Row ref = perSession.get(1);
            assertTrue(lab.getString(0).startsWith("lab1-"), lab.toString());
            assertEquals(lab.getLong(1), lab.getLong(2));
            assertEquals(0L, lab.getLong(3));
            assertEquals(0L, ref.getLong(2));
            assertEquals(ref.getLong(1), ref.getLong(3));
            double avg = lab.getDouble(4);
            assertTrue(avg > 20 && avg < 25, "avg(temperature) " + avg);
            assertTrue(lab.getLong(5) > 0, "integers keep their exact INT64 column");

            // long form, frames bytes, a join across tables
            assertEquals(DataTypes.BinaryType, spark.table("frames").schema().apply("data").dataType());
            long framesWithBytes = spark.sql("SELECT count(*) FROM frames WHERE length(data) = size").first().getLong(0);
            assertEquals(rows.get("frames").longValue(), framesWithBytes);
            long joined = spark.sql("SELECT count(*) FROM telemetry t JOIN session s ON t.session = s.session"
                    + " WHERE t.field = 'temperature' AND s.mode = 'simulated'").first().getLong(0);
            assertEquals(lab.getLong(1), joined);
        } finally {
            spark.stop();
        }
    }

    /** Runs the built tool; returns its stdout. */
    private String omvcap(Path jar, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("omvcap " + String.join(" ", args) + " did not finish");
        }
        assertEquals(0, p.exitValue(), "omvcap " + String.join(" ", args) + ": " + Files.readString(err));
        return Files.readString(out);
    }
}
