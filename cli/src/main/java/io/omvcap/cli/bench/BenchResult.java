package io.omvcap.cli.bench;

/**
 * One measured number.
 *
 * @param metric what was measured, e.g. {@code decode+crc throughput}
 * @param value  the measured value
 * @param unit   its unit, e.g. {@code MB/s} or {@code µs}
 * @param target the target as text (e.g. {@code >= 1000 MB/s}), or empty
 * @param met    whether the target was met ({@code true} when there is no target)
 */
public record BenchResult(String metric, double value, String unit, String target, boolean met) {
}
