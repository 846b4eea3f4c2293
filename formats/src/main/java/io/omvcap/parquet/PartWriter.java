package io.omvcap.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * One Parquet file being written: rows go to a hidden temporary name ({@code .NAME.inprogress})
 * that is renamed to its real name only when the file is complete, so a crash or a full disk
 * never leaves a half-written file that looks finished.
 */
final class PartWriter implements AutoCloseable {
    /** Rows between page-size checks: small pages for small rows, bounded for image rows. */
    private static final int PAGE_ROW_LIMIT = 20_000;

    private final Path target;
    private final Path temp;
    private final ParquetWriter<Row> writer;
    private long rows;
    private boolean closed;

    /**
     * Creates {@code target}'s temporary file.
     *
     * @param metadata key-value metadata stored in the footer
     */
    PartWriter(Path target, TableSchema schema, WriterSettings settings, Map<String, String> metadata)
            throws IOException {
        this(target, schema, settings, metadata, java.util.Set.of());
    }

    /**
     * Creates {@code target}'s temporary file; the columns named in {@code stored} are written
     * without compression (their values are compressed already, e.g. JPEG images).
     */
    PartWriter(Path target, TableSchema schema, WriterSettings settings, Map<String, String> metadata,
            java.util.Set<String> stored) throws IOException {
        this.target = target;
        this.temp = target.resolveSibling("." + target.getFileName() + ".inprogress");
        Files.deleteIfExists(temp);
        RowWriteSupport support = new RowWriteSupport(schema, metadata);
        Builder b = new Builder(new LocalOutputFile(temp), support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ParquetCodecs())
                .withCompressionCodec(settings.compression().codec())
                .withRowGroupSize(settings.rowGroupBytes())
                .withPageSize(settings.pageBytes())
                .withPageRowCountLimit(PAGE_ROW_LIMIT)
                .withDictionaryPageSize(settings.pageBytes())
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(false)
                .withBloomFilterEnabled(false)
                .withStatisticsTruncateLength(64)
                .withColumnIndexTruncateLength(64);
        for (Column c : schema.columns()) {
            if (stored.contains(c.name())) {
                b.withCompressionCodec(c.name(), ExportCompression.NONE.codec());
            }
            b.withDictionaryEncoding(c.name(), c.dictionary());
            if (!c.statistics()) {
                b.withStatisticsEnabled(c.name(), false);
                b.withSizeStatisticsEnabled(c.name(), false);
            }
        }
        try {
            this.writer = b.build();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Writes the row (then clears it). */
    void write(Row row) throws IOException {
        writer.write(row);
        row.clear();
        rows++;
    }

    /** Rows written. */
    long rows() {
        return rows;
    }

    /** Bytes buffered in memory for the current row group plus bytes already written. */
    long dataSize() {
        return writer.getDataSize();
    }

    /** The final path. */
    Path target() {
        return target;
    }

    /** Finishes the file and gives it its real name; returns its size. */
    long finish() throws IOException {
        closed = true;
        writer.close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return Files.size(target);
    }

    /** Abandons the file (used after an error): the temporary file is removed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            // the file is being discarded; its own error was already reported
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // best effort: a hidden .inprogress file is ignored by every reader
        }
    }

    /** Page compression, sizes. */
    record WriterSettings(ExportCompression compression, long rowGroupBytes, int pageBytes) {
    }

    /** Turns {@link Row}s into Parquet records of a flat schema. */
    private static final class RowWriteSupport extends WriteSupport<Row> {
        private final TableSchema schema;
        private final Map<String, String> metadata;
        private final String[] names;
        private RecordConsumer consumer;

        RowWriteSupport(TableSchema schema, Map<String, String> metadata) {
            this.schema = schema;
            this.metadata = metadata;
            List<Column> cols = schema.columns();
            names = new String[cols.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = cols.get(i).name();
            }
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema.messageType(), metadata);
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema.messageType(), metadata);
        }

        @Override
        public String getName() {
            return "omvcap";
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            consumer = recordConsumer;
        }

        @Override
        public void write(Row row) {
            RecordConsumer c = consumer;
            c.startMessage();
            for (int i = 0; i < names.length; i++) {
                if (!row.set[i]) {
                    continue;
                }
                c.startField(names[i], i);
                switch (row.type(i)) {
                    case TIMESTAMP, INT64 -> c.addLong(row.longs[i]);
                    case INT32 -> c.addInteger((int) row.longs[i]);
                    case DOUBLE -> c.addDouble(row.doubles[i]);
                    case BOOLEAN -> c.addBoolean(row.longs[i] != 0);
                    case STRING, BYTES -> c.addBinary(row.binaries[i]);
                    default -> throw new IllegalStateException(row.type(i).name());
                }
                c.endField(names[i], i);
            }
            c.endMessage();
        }
    }

    /** The parquet-java builder for {@link RowWriteSupport}, Hadoop-free. */
    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final RowWriteSupport support;

        Builder(LocalOutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
