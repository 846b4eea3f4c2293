package io.omvcap.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The memory and CPU time of a running process at one moment, from Linux's
 * {@code /proc/<pid>/status} (resident set now and its high-water mark) and the OS's CPU
 * accounting.
 *
 * @param atNanos  when, relative to the start of the measurement
 * @param rssKb    VmRSS: resident set size in KiB
 * @param hwmKb    VmHWM: the largest resident set so far in KiB
 * @param cpuNanos user + system CPU time so far
 */
public record ProcessSample(long atNanos, long rssKb, long hwmKb, long cpuNanos) {
    /** Reads process {@code pid} now. */
    public static ProcessSample of(long pid, long atNanos) throws IOException {
        String status;
        try {
            status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        } catch (NoSuchFileException e) {
            throw new IOException("process " + pid + " is gone", e);
        }
        long cpu = ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
        return new ProcessSample(atNanos, field(status, "VmRSS:"), field(status, "VmHWM:"), cpu);
    }

    /** A {@code Name:   1234 kB} line's number. */
    static long field(String status, String name) throws IOException {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                String[] words = line.substring(name.length()).strip().split("\\s+");
                return Long.parseLong(words[0]);
            }
        }
        throw new IOException("no " + name + " line in /proc/<pid>/status");
    }
}
