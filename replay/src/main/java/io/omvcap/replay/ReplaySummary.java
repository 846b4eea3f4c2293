package io.omvcap.replay;

import io.omvcap.replay.fault.InjectedFault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a replay served: requests, payloads per channel, strict-mode divergences and the recorded
 * requests the host never made, injected faults.
 *
 * @param recording        the files replayed
 * @param mode             {@code model} or {@code strict}
 * @param speed            {@code max}, {@code realtime} or a factor
 * @param requests         host requests processed
 * @param requestsByOpcode the same by opcode name
 * @param channels         per channel name: payloads served and skipped, writes, ioctls
 * @param unknownChannels  requests addressed to channel ids the cam did not have, by id
 * @param connections      hosts that attached
 * @param softReboots      recorded soft reboots replayed
 * @param hangUps          link hang-ups (recorded or injected)
 * @param registrations    channels registered while serving
 * @param divergenceCount  strict mode: divergent requests
 * @param divergences      the first of them, in detail
 * @param matchedRequests  strict mode: host requests that matched the recording
 * @param neverMadeCount   strict mode: recorded requests the host never made
 * @param neverMade        the first of them
 * @param faultCount       faults injected
 * @param faults           the first of them
 * @param finished         whether every recorded payload and cue was served
 * @param seconds          time served
 * @param damagedRecords   archive records that could not be decoded and were skipped
 */
public record ReplaySummary(String recording, String mode, String speed, long requests,
        Map<String, Long> requestsByOpcode, Map<String, ChannelCounts> channels, Map<Integer, Long> unknownChannels,
        long connections, long softReboots, long hangUps, long registrations, long divergenceCount,
        List<Divergence> divergences, long matchedRequests, long neverMadeCount, List<HostRequest> neverMade,
        long faultCount, List<InjectedFault> faults, boolean finished, double seconds, long damagedRecords) {

    /** Payloads served on every channel together. */
    public long payloadsServed() {
        return channels.values().stream().mapToLong(ChannelCounts::served).sum();
    }

    /** Whether strict mode found the host doing something else than the recording. */
    public boolean diverged() {
        return divergenceCount > 0;
    }

    /** The summary as lines of text. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format("replayed %s (%s mode, speed %s) for %.1f s: %d requests from %d host connection(s), "
                + "%d payloads served%s", recording, mode, speed, seconds, requests, connections, payloadsServed(),
                finished ? ", recording finished" : ""));
        StringBuilder ch = new StringBuilder("  channels:");
        channels.forEach((name, c) -> {
            ch.append(' ').append(name).append('=').append(c.served());
            if (c.skipped() > 0) {
                ch.append(" (").append(c.skipped()).append(" skipped)");
            }
            if (c.writes() > 0) {
                ch.append(" +").append(c.writes()).append(" writes");
            }
        });
        out.add(ch.toString());
        if (softReboots + hangUps + registrations > 0) {
            out.add("  replayed " + softReboots + " soft reboot(s), " + hangUps + " hang-up(s), " + registrations
                    + " channel registration(s)");
        }
        if (!unknownChannels.isEmpty()) {
            out.add("  requests for channels the recording never had: " + unknownChannels);
        }
        if (mode.equals("strict")) {
            out.add("  strict: " + matchedRequests + " requests matched, " + divergenceCount + " divergence(s), "
                    + neverMadeCount + " recorded request(s) never made");
            if (!divergences.isEmpty()) {
                out.add("  first divergence: " + divergences.get(0).describe());
            }
            for (HostRequest r : neverMade) {
                out.add("  never made: #" + r.number() + String.format(" at %.3f s ", r.time() / 1e9) + r.describe());
            }
            if (neverMadeCount > neverMade.size()) {
                out.add("  … and " + (neverMadeCount - neverMade.size()) + " more never made");
            }
        }
        if (faultCount > 0) {
            out.add("  faults injected: " + faultCount);
        }
        if (damagedRecords > 0) {
            out.add("  damaged archive records skipped: " + damagedRecords);
        }
        return out;
    }

    /** The summary as a map, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recording", recording);
        m.put("mode", mode);
        m.put("speed", speed);
        m.put("seconds", Math.round(seconds * 1000) / 1000.0);
        m.put("requests", requests);
        m.put("requests_by_opcode", requestsByOpcode);
        m.put("connections", connections);
        m.put("payloads_served", payloadsServed());
        Map<String, Object> ch = new LinkedHashMap<>();
        channels.forEach((k, v) -> ch.put(k, v.toMap()));
        m.put("channels", ch);
        Map<String, Long> unknown = new LinkedHashMap<>();
        unknownChannels.forEach((k, v) -> unknown.put(String.valueOf(k), v));
        m.put("unknown_channels", unknown);
        m.put("soft_reboots", softReboots);
        m.put("hang_ups", hangUps);
        m.put("registrations", registrations);
        m.put("finished", finished);
        if (mode.equals("strict")) {
            m.put("matched_requests", matchedRequests);
            m.put("divergence_count", divergenceCount);
            m.put("divergences", divergences.stream().map(Divergence::toMap).toList());
            m.put("never_made_count", neverMadeCount);
            m.put("never_made", neverMade.stream().map(HostRequest::toMap).toList());
        }
        m.put("fault_count", faultCount);
        m.put("faults", faults.stream().map(InjectedFault::toMap).toList());
        m.put("damaged_records", damagedRecords);
        return m;
    }
}
