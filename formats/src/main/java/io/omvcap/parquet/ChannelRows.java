package io.omvcap.parquet;

import io.omvcap.archive.ChannelData;
import io.omvcap.archive.FrameRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Fills {@code reads} and {@code writes} (one row per reassembled read / joined host write) and
 * {@code frames} (one row per frame; the image inline, as a written file, or left out).
 */
final class ChannelRows {
    private final TableOutput out;
    private final Row row;
    private final int channelId;
    private final int channel;
    private final int offset;
    private final int size;
    private final int data;

    /** Rows of {@code reads} or {@code writes}. */
    ChannelRows(TableOutput out, TableSchema schema) throws IOException {
        this.out = out;
        this.row = out.open(schema, null);
        channelId = schema.require("channel_id");
        channel = schema.require("channel");
        offset = schema.require("offset");
        size = schema.require("size");
        data = schema.require("data");
    }

    void add(long time, ChannelData d) throws IOException {
        row.start(time).set(channelId, d.channelId()).set(channel, d.channel()).set(offset, d.offset())
                .set(size, d.data().length).setOwned(data, d.data());
        out.write(row);
    }

    /** Rows of {@code frames}. */
    static final class Frames {
        private final TableSchema s = Schemas.FRAMES;
        private final int channelId = s.require("channel_id");
        private final int channel = s.require("channel");
        private final int width = s.require("width");
        private final int height = s.require("height");
        private final int pixformat = s.require("pixformat");
        private final int format = s.require("format");
        private final int size = s.require("size");
        private final int data = s.require("data");
        private final int file = s.require("file");
        private final TableOutput out;
        private Row row;
        private final FrameMode mode;
        private final Path filesDir;
        private final String filesPrefix;
        private final Map<String, Integer> counts = new HashMap<>();

        /**
         * @param filesDir    where {@code --frames files} writes images (staging), or null
         * @param filesPrefix the path of that folder relative to the dataset once committed
         */
        Frames(TableOutput out, FrameMode mode, Path filesDir, String filesPrefix) throws IOException {
            this.out = out;
            this.mode = mode;
            this.filesDir = filesDir;
            this.filesPrefix = filesPrefix;
        }

        /**
         * Opens the file at the first frame: JPEG and PNG bytes are stored without a second
         * compression (it would cost time and save nothing); raw pixels are compressed.
         */
        private void open(String firstFormat) throws IOException {
            boolean encoded = "jpeg".equals(firstFormat) || "png".equals(firstFormat);
            row = out.open(s, null, encoded ? java.util.Set.of("data") : java.util.Set.of());
        }

        /** Makes sure a (possibly empty) file exists. */
        void finish() throws IOException {
            if (row == null) {
                open(null);
            }
        }

        void add(long time, FrameRecord f) throws IOException {
            if (row == null) {
                open(f.format());
            }
            row.start(time).set(channelId, f.channelId()).set(channel, f.channel()).set(width, f.width())
                    .set(height, f.height()).set(pixformat, f.pixformat()).set(format, f.format())
                    .set(size, f.data().length);
            switch (mode) {
                case INLINE -> row.setOwned(data, f.data());
                case FILES -> row.set(file, writeFile(f));
                default -> {
                }
            }
            out.write(row);
        }

        private String writeFile(FrameRecord f) throws IOException {
            String ch = Names.sanitize(f.channel() == null ? "channel" + f.channelId() : f.channel());
            int n = counts.merge(ch, 1, Integer::sum);
            String name = String.format("%08d.%s", n, extension(f.format()));
            Path dir = filesDir.resolve(ch);
            if (n == 1) {
                Files.createDirectories(dir);
            }
            Files.write(dir.resolve(name), f.data());
            return filesPrefix + "/" + ch + "/" + name;
        }

        private static String extension(String format) {
            return switch (format) {
                case "jpeg" -> "jpg";
                case "png" -> "png";
                default -> Names.sanitize(format) + ".raw";
            };
        }
    }
}
