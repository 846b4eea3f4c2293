package io.omvcap.replay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a replay did on one channel.
 *
 * @param served      recorded payloads the host consumed
 * @param servedBytes their bytes
 * @param skipped     recorded payloads never served (dropped at a reboot or hang-up, or left over)
 * @param writes      host writes (chunks joined)
 * @param writeBytes  their bytes
 * @param ioctls      host ioctls
 */
public record ChannelCounts(long served, long servedBytes, long skipped, long writes, long writeBytes, long ioctls) {
    /** The fields as a map, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("served", served);
        m.put("served_bytes", servedBytes);
        m.put("skipped", skipped);
        m.put("writes", writes);
        m.put("write_bytes", writeBytes);
        m.put("ioctls", ioctls);
        return m;
    }
}
