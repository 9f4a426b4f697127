package io.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of another process, from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}. */
final class ProcStat {
  /** Clock ticks per second of utime/stime ({@code getconf CLK_TCK}); 100 on every Linux/x86 build. */
  private static final double TICKS = Double.parseDouble(System.getenv().getOrDefault("BENCH_CLK_TCK", "100"));

  private ProcStat() {}

  /** utime + stime of the process in seconds, or NaN if it cannot be read. */
  static double cpuSeconds(long pid) {
    if (pid <= 0) {
      return Double.NaN;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // f[0] is field 3 (state); utime is field 14, stime field 15.
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** VmRSS of the process in KiB, or -1 if it cannot be read. */
  static long rssKb(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return -1;
  }
}
