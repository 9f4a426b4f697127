package io.herald.server.reliability.soak;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a soak run measured, and the heap verdict: the heap after a full GC, from the first sample after the warm-up
 * to the last, with the least-squares slope over those samples.
 */
public record SoakResult(SoakOptions options, List<SoakSample> samples, int openAtShutdown,
    long maintenanceNotices, int exitCode, Duration shutdown) {

  /** Samples taken after the warm-up (all of them if the run was shorter than the warm-up). */
  public List<SoakSample> afterWarmup() {
    List<SoakSample> after = samples.stream()
        .filter(sample -> sample.elapsedSeconds() >= options.warmup().toSeconds()).toList();
    return after.size() >= 2 ? after : samples;
  }

  public double firstHeapAfterWarmupMb() {
    return afterWarmup().get(0).memory().heapAfterGcMb();
  }

  public double lastHeapMb() {
    return samples.get(samples.size() - 1).memory().heapAfterGcMb();
  }

  public double maxHeapAfterWarmupMb() {
    return afterWarmup().stream().mapToDouble(s -> s.memory().heapAfterGcMb()).max().orElse(Double.NaN);
  }

  /** Heap after GC growth per minute after the warm-up (least squares). */
  public double heapSlopeMbPerMinute() {
    List<SoakSample> after = afterWarmup();
    double n = after.size();
    double meanX = after.stream().mapToDouble(SoakSample::elapsedSeconds).sum() / n;
    double meanY = after.stream().mapToDouble(s -> s.memory().heapAfterGcMb()).sum() / n;
    double covariance = 0;
    double variance = 0;
    for (SoakSample sample : after) {
      double dx = sample.elapsedSeconds() - meanX;
      covariance += dx * (sample.memory().heapAfterGcMb() - meanY);
      variance += dx * dx;
    }
    return variance == 0 ? 0 : covariance / variance * 60;
  }

  public long totalDrops() {
    return samples.get(samples.size() - 1).drops();
  }

  public String summary() {
    SoakSample last = samples.get(samples.size() - 1);
    return String.format(Locale.ROOT,
        "connections %d, %d samples over %.0f s; heap after GC (after warm-up): first %.1f MB, last %.1f MB, "
            + "max %.1f MB, slope %.2f MB/min; RSS last %.1f MB; connects %d, churned %d, drops %d, "
            + "connect failures %d; SIGTERM with %d open: %d system.maintenance received, exit %d after %d ms",
        options.connections(), samples.size(), last.elapsedSeconds(), firstHeapAfterWarmupMb(), lastHeapMb(),
        maxHeapAfterWarmupMb(), heapSlopeMbPerMinute(), last.memory().rssMb(), last.connects(), last.churned(),
        last.drops(), last.connectFailures(), openAtShutdown, maintenanceNotices, exitCode, shutdown.toMillis());
  }
}
