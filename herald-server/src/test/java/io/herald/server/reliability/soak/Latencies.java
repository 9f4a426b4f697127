package io.herald.server.reliability.soak;

import java.util.Arrays;

/** Latency samples (nanoseconds) of one sampling interval; {@link #drain()} summarises and starts the next. */
final class Latencies {
  /** One interval's figures in milliseconds. */
  record Summary(int count, double p50, double p99, double max) {
    static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN);
  }

  private long[] samples = new long[1024];
  private int size;

  synchronized void record(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  synchronized Summary drain() {
    if (size == 0) {
      return Summary.EMPTY;
    }
    long[] sorted = Arrays.copyOf(samples, size);
    size = 0;
    Arrays.sort(sorted);
    return new Summary(sorted.length, millis(sorted, 0.50), millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
  }

  private static double millis(long[] sorted, double quantile) {
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
