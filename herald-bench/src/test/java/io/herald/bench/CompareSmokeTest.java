package io.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code bench/compare.sh --smoke}: every scenario, tiny, against Herald and the Node reference. Proves
 * that the benchmark still works; asserts nothing about speed.
 */
class CompareSmokeTest {
  private static final long TIMEOUT_SECONDS = 240;

  @Test
  void smokeRunPrintsARatioOnEveryRow() throws Exception {
    assumeTrue(onPath("node") && onPath("npm"), "node and npm are needed for the reference server");
    Path repo = repoRoot();
    Path out = Files.createTempDirectory("herald-bench-smoke");
    Path log = out.resolve("compare.log");
    ProcessBuilder pb = new ProcessBuilder("bash", "bench/compare.sh", "--smoke")
        .directory(repo.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // The test class path holds herald-bench's classes and every dependency: no Maven build inside the build.
    pb.environment().put("BENCH_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("BENCH_OUT", out.toString());
    Process p = pb.start();
    boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("compare.sh --smoke finished within %d s:%n%s", TIMEOUT_SECONDS, output).isTrue();
    assertThat(p.exitValue()).as("exit status; output:%n%s", output).isZero();

    List<String> rows = output.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| scenario")).toList();
    assertThat(rows).as(output).isNotEmpty();
    for (String scenario : List.of("connect", "connect-jwt", "idle-10k", "idle-max", "echo", "fanout-1k",
        "fanout-10k", "chat")) {
      assertThat(rows).as("a row for %s in%n%s", scenario, output).anyMatch(r -> r.startsWith("| " + scenario + " ("));
    }
    for (String row : rows) {
      String[] cells = row.split("\\|");
      String ratio = cells[cells.length - 1].trim();
      // a tiny smoke run can measure a negative RSS growth (the heap shrank): still a ratio
      assertThat(ratio).as("Herald/Node ratio in row: %s", row).matches("-?\\d+\\.\\d\\d|inf");
    }
  }

  private static Path repoRoot() {
    String env = System.getenv("HERALD_BENCH_REPO");
    Path dir = env != null ? Path.of(env) : Path.of("").toAbsolutePath();
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("bench/compare.sh"))) {
        return d;
      }
    }
    throw new IllegalStateException("bench/compare.sh not found above " + dir);
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

}
