package io.omvcap.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;

/**
 * Reads the key-value metadata of a Parquet file's footer (the export keeps each file's schema and
 * column mapping there), without parquet-java's Hadoop-based reader.
 */
final class Footers {
    private static final int MAGIC_AND_LENGTH = 8;
    private static final int MAX_FOOTER = 64 << 20;

    private Footers() {
    }

    /** The footer's key-value metadata. */
    static Map<String, String> keyValues(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 2L * 4 + MAGIC_AND_LENGTH - 4) {
                throw new IOException(file + ": too short for a Parquet file");
            }
            ByteBuffer tail = ByteBuffer.allocate(MAGIC_AND_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, tail, size - MAGIC_AND_LENGTH);
            int len = tail.getInt(0);
            if (tail.get(4) != 'P' || tail.get(5) != 'A' || tail.get(6) != 'R' || tail.get(7) != '1') {
                throw new IOException(file + ": not a Parquet file (no PAR1 at the end)");
            }
            if (len <= 0 || len > MAX_FOOTER || len > size - MAGIC_AND_LENGTH - 4) {
                throw new IOException(file + ": bad Parquet footer length " + len);
            }
            ByteBuffer footer = ByteBuffer.allocate(len);
            readFully(ch, footer, size - MAGIC_AND_LENGTH - len);
            FileMetaData md = Util.readFileMetaData(new ByteArrayInputStream(footer.array()), true);
            Map<String, String> kv = new LinkedHashMap<>();
            if (md.getKey_value_metadata() != null) {
                for (KeyValue e : md.getKey_value_metadata()) {
                    kv.put(e.getKey(), e.getValue());
                }
            }
            return kv;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }
}
