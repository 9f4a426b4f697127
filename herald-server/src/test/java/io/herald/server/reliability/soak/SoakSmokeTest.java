package io.herald.server.reliability.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The soak tool at CI size: 200 connections for 20 s, with churn and traffic, and a generous heap bound. */
class SoakSmokeTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void holdsConnectionsWithChurnAndTrafficAndTheHeapStaysBounded(@TempDir Path dir) throws Exception {
    SoakOptions options = new SoakOptions(200, Duration.ofSeconds(20), 10, 0.3, Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(8), 3, 200, List.of("-Xmx256m"),
        dir.resolve("soak.csv"));

    SoakResult result = new Soak(options, line -> { }).run();

    assertThat(result.samples()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(Files.readAllLines(options.csv())).hasSize(result.samples().size() + 1);
    SoakSample last = result.samples().get(result.samples().size() - 1);
    assertThat(last.openConnections()).isGreaterThanOrEqualTo(195);
    assertThat(last.churned()).as("churned").isPositive();
    assertThat(last.connects()).isGreaterThanOrEqualTo(200 + last.churned() - 5);
    assertThat(last.connectFailures()).isZero();
    assertThat(result.totalDrops()).isZero();
    assertThat(result.samples()).allSatisfy(sample -> {
      assertThat(sample.acks().count()).as("acks in %s", sample.csv()).isPositive();
      assertThat(sample.memory().heapAfterGcMb()).as("heap in %s", sample.csv()).isPositive();
      assertThat(sample.memory().rssMb()).isPositive();
    });
    assertThat(result.samples().stream().mapToInt(s -> s.broadcasts().count()).sum()).isPositive();
    assertThat(result.lastHeapMb()).as(result.summary())
        .isLessThan(result.firstHeapAfterWarmupMb() * 1.5 + 32);
    assertThat(result.exitCode()).as(result.summary()).isZero();
    assertThat(result.maintenanceNotices()).isGreaterThanOrEqualTo(result.openAtShutdown());
  }
}
