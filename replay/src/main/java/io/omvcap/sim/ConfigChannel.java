package io.omvcap.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omvcap.device.ChannelBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code config} channel: JSON text, {@code {"quality": 90}} at start. A write at offset 0
 * replaces the text (later offsets patch it); when the text parses and holds an integer
 * {@code quality} of 1..100, the next frames use that JPEG quality. No poll.
 */
final class ConfigChannel implements ChannelBackend {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 64 * 1024;

    private byte[] text;
    private int quality;

    ConfigChannel(int quality) {
        this.quality = quality;
        this.text = ("{\"quality\": " + quality + "}").getBytes(StandardCharsets.US_ASCII);
    }

    /** JPEG quality now in force. */
    int quality() {
        return quality;
    }

    @Override
    public long size() {
        return text.length;
    }

    @Override
    public int read(long offset, byte[] dst, int dstOff, int length) {
        return BufferReads.copy(text, offset, dst, dstOff, length);
    }

    @Override
    public int write(long offset, byte[] src, int srcOff, int length) {
        if (offset + length > MAX_TEXT) {
            return 0;
        }
        byte[] next = offset == 0 ? new byte[length] : Arrays.copyOf(text, (int) Math.max(text.length, offset + length));
        System.arraycopy(src, srcOff, next, (int) offset, length);
        text = next;
        try {
            JsonNode q = JSON.readTree(text).get("quality");
            if (q != null && q.canConvertToInt() && q.isIntegralNumber() && q.intValue() >= 1 && q.intValue() <= 100) {
                quality = q.intValue();
            }
        } catch (IOException | RuntimeException e) {
            // not (yet) valid JSON: stored as written
        }
        return length;
    }
}
