package io.omvcap.archive;

import io.omvcap.payload.FrameHeader;
import io.omvcap.payload.PixFormat;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A frame: image bytes with dimensions, from the stream channel (header stripped) or from a
 * custom channel that delivers encoded images.
 *
 * @param channelId channel id
 * @param channel   channel name
 * @param width     width in pixels (0 when unknown)
 * @param height    height in pixels (0 when unknown)
 * @param pixformat pixformat code (0 when unknown)
 * @param format    {@code jpeg}, {@code png}, {@code grayscale}, {@code rgb565}, or the code in hex
 * @param data      image bytes
 */
public record FrameRecord(int channelId, String channel, long width, long height, long pixformat, String format,
        byte[] data) {

    /** A frame from stream-channel read data (32-byte header + image), or {@code null} if the header is bad. */
    public static FrameRecord fromStreamRead(int channelId, String channel, byte[] read) {
        if (read.length < FrameHeader.MIN_SIZE) {
            return null;
        }
        FrameHeader h = FrameHeader.decode(read);
        if (!h.fitsIn(read.length)) {
            return null;
        }
        byte[] image = Arrays.copyOfRange(read, (int) h.offset(), (int) (h.offset() + h.size()));
        PixFormat pf = h.knownPixFormat();
        String format = pf != null ? pf.name().toLowerCase(Locale.ROOT) : String.format("0x%08x", h.pixformat());
        return new FrameRecord(channelId, channel, h.width(), h.height(), h.pixformat(), format, image);
    }

    /** A frame from a custom channel's read if it is a JPEG or PNG image, else {@code null}. */
    public static FrameRecord fromEncodedImage(int channelId, String channel, byte[] data) {
        if (ImageProbe.isJpeg(data)) {
            int[] wh = ImageProbe.jpegSize(data);
            return new FrameRecord(channelId, channel, wh[0], wh[1], PixFormat.JPEG.code(), "jpeg", data);
        }
        if (ImageProbe.isPng(data)) {
            int[] wh = ImageProbe.pngSize(data);
            return new FrameRecord(channelId, channel, wh[0], wh[1], 0, "png", data);
        }
        return null;
    }

    /** The CBOR bytes written to the archive: the fields of {@link #toMap()}. */
    public byte[] toCbor() {
        return new CborWriter().map(7).put("channel_id", channelId).put("channel", channel).put("width", width)
                .put("height", height).put("pixformat", pixformat).put("format", format).put("data", data)
                .toByteArray();
    }

    /** The CBOR map written to the archive. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel_id", channelId);
        m.put("channel", channel);
        m.put("width", width);
        m.put("height", height);
        m.put("pixformat", pixformat);
        m.put("format", format);
        m.put("data", data);
        return m;
    }

    /** Reads a record back from its map. */
    public static FrameRecord fromMap(Map<String, Object> m) {
        return new FrameRecord(ArchiveCodec.asInt(m.get("channel_id")), ArchiveCodec.asString(m.get("channel")),
                ArchiveCodec.asLong(m.get("width")), ArchiveCodec.asLong(m.get("height")),
                ArchiveCodec.asLong(m.get("pixformat")), ArchiveCodec.asString(m.get("format")),
                ArchiveCodec.asBytes(m.get("data")));
    }
}
