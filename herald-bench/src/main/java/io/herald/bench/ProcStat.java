package io.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of another process, from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}. */
final class ProcStat {
  /** Clock ticks per second of utime/stime ({@code getconf CLK_TCK}); 100 on every Linux/x86 build. */
  private static final double TICKS = Double.parseDouble(System.getenv().getOrDefault("BENCH_CLK_TCK", "100"));

  /**
   * CPU time of a process in seconds: {@code userS} (utime) and {@code systemS} (stime, the kernel working for it,
   * including softirq work it is charged with); both NaN if unknown.
   */
  record Cpu(double userS, double systemS) {
    static final Cpu UNKNOWN = new Cpu(Double.NaN, Double.NaN);

    double totalS() {
      return userS + systemS;
    }

    /** The CPU time used since {@code earlier}. */
    Cpu since(Cpu earlier) {
      return new Cpu(userS - earlier.userS, systemS - earlier.systemS);
    }
  }

  private ProcStat() {}

  /** utime and stime of the process, or {@link Cpu#UNKNOWN} if they cannot be read. */
  static Cpu cpu(long pid) {
    if (pid <= 0) {
      return Cpu.UNKNOWN;
    }
    try {
      return parseCpu(Files.readString(Path.of("/proc/" + pid + "/stat")));
    } catch (IOException | RuntimeException e) {
      return Cpu.UNKNOWN;
    }
  }

  /** Parses the contents of {@code /proc/<pid>/stat}; the command name in parentheses may hold spaces. */
  static Cpu parseCpu(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // f[0] is field 3 (state); utime is field 14, stime field 15.
    return new Cpu(Long.parseLong(f[11]) / TICKS, Long.parseLong(f[12]) / TICKS);
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
