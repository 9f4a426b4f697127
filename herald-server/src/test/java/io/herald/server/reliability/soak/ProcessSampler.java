package io.herald.server.reliability.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory figures of another JVM on this machine: heap in use ({@code jcmd <pid> GC.heap_info}), heap in use right
 * after a full collection ({@code jcmd <pid> GC.run} first: the live set, the figure that shows a leak), and RSS
 * ({@code /proc/<pid>/status}).
 */
final class ProcessSampler {
  /** One reading, in MiB; -1 when a figure could not be read. */
  record Memory(double heapUsedMb, double heapAfterGcMb, double rssMb) {}

  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  private final long pid;
  private final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();

  ProcessSampler(long pid) {
    this.pid = pid;
  }

  Memory sample() {
    double used = heapUsedMb();
    jcmd("GC.run");
    return new Memory(used, heapUsedMb(), rssMb());
  }

  private double heapUsedMb() {
    Matcher matcher = USED.matcher(jcmd("GC.heap_info"));
    return matcher.find() ? Long.parseLong(matcher.group(1)) / 1024.0 : -1;
  }

  private double rssMb() {
    try {
      Matcher matcher = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
      return matcher.find() ? Long.parseLong(matcher.group(1)) / 1024.0 : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private String jcmd(String command) {
    try {
      Process process = new ProcessBuilder(List.of(jcmd, Long.toString(pid), command)).redirectErrorStream(true)
          .start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "";
      }
      return new String(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
