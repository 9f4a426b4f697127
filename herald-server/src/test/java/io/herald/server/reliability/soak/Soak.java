package io.herald.server.reliability.soak;

import io.herald.server.reliability.AuthApi;
import io.herald.server.reliability.GatewayProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A bounded soak: starts a gateway process, registers users, holds the connections of {@link SoakLoad} with churn
 * and traffic for {@link SoakOptions#duration()}, samples the gateway's memory and the clients' latencies into a
 * CSV, and ends with SIGTERM while every connection is still open (to time the drain).
 */
public final class Soak {
  private static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(10);

  private final SoakOptions options;
  private final Consumer<String> log;

  public Soak(SoakOptions options, Consumer<String> log) {
    this.options = options;
    this.log = log;
  }

  public SoakResult run() throws Exception {
    Path dataDir = Files.createTempDirectory("herald-soak-");
    Map<String, String> env = Map.of(
        "HERALD_SHUTDOWN_DEADLINE", Long.toString(SHUTDOWN_DEADLINE.toSeconds()),
        "HERALD_RATE_LOGIN_PER_IP", "off",
        "HERALD_RATE_LOGIN_PER_ACCOUNT", "off",
        "HERALD_RATE_SOCKET_AUTH_PER_IP", "off",
        "HERALD_RATE_SOCKET_AUTH_PER_ACCOUNT", "off");
    try (GatewayProcess gateway = GatewayProcess.start(GatewayProcess.freePort(), dataDir, env,
        options.gatewayJvmOptions())) {
      log.accept("gateway pid " + gateway.pid() + " on " + gateway.url() + " " + options.gatewayJvmOptions());
      List<AuthApi.Account> accounts = new AuthApi(gateway.url()).registerAll("soak", options.users());
      SoakStats stats = new SoakStats();
      try (SoakLoad load = new SoakLoad(options, gateway.port(), accounts.stream().map(AuthApi.Account::token)
          .toList(), accounts.stream().map(AuthApi.Account::id).toList(), stats)) {
        long started = System.nanoTime();
        load.start();
        log.accept(String.format("ramp-up done in %.1f s: %d open", (System.nanoTime() - started) / 1e9,
            load.openConnections()));
        List<SoakSample> samples = sample(gateway, load, stats, started);
        load.stop();
        long maintenanceBefore = stats.maintenanceNotices.sum();
        int openAtShutdown = load.openConnections();
        long stopping = System.nanoTime();
        gateway.terminate();
        OptionalInt exit = gateway.awaitExit(SHUTDOWN_DEADLINE.plusSeconds(20));
        Duration shutdown = Duration.ofNanos(System.nanoTime() - stopping);
        Thread.sleep(500);
        return new SoakResult(options, samples, openAtShutdown, stats.maintenanceNotices.sum() - maintenanceBefore,
            exit.orElse(-1), shutdown);
      }
    } finally {
      delete(dataDir);
    }
  }

  private List<SoakSample> sample(GatewayProcess gateway, SoakLoad load, SoakStats stats, long started)
      throws IOException, InterruptedException {
    ProcessSampler sampler = new ProcessSampler(gateway.pid());
    List<SoakSample> samples = new ArrayList<>();
    Files.createDirectories(options.csv().toAbsolutePath().getParent());
    try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(options.csv(), StandardCharsets.UTF_8))) {
      csv.println(SoakSample.HEADER);
      long end = System.nanoTime() + options.duration().toNanos();
      long next = System.nanoTime();
      while (true) {
        next += options.sampleInterval().toNanos();
        long sleep = Math.min(next, end) - System.nanoTime();
        if (sleep > 0) {
          Thread.sleep(Duration.ofNanos(sleep));
        }
        SoakSample sample = new SoakSample((System.nanoTime() - started) / 1e9, load.openConnections(),
            stats.connects.sum(), stats.churned.sum(), stats.drops.sum(), stats.connectFailures.sum(),
            stats.pingsSent.sum(), stats.acks.drain(), stats.broadcasts.drain(), sampler.sample(), load1());
        samples.add(sample);
        csv.println(sample.csv());
        csv.flush();
        log.accept(sample.csv());
        if (System.nanoTime() >= end) {
          return samples;
        }
      }
    }
  }

  private static double load1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
