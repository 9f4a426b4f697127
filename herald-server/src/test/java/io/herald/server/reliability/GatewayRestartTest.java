package io.herald.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.server.reliability.AuthApi.Account;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts a gateway process under load: SIGTERM while 50 reconnecting clients exchange messages, then a new
 * process on the same port and data directory. Clients must come back by themselves, and users and tokens must
 * survive (the JWT secret and the H2 database live in the data directory).
 */
class GatewayRestartTest {
  private static final int USERS = 10;
  private static final int CLIENTS_PER_USER = 5;
  private static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(5);
  /** What the JVM needs on top of the drain deadline to run its shutdown and exit. */
  private static final Duration EXIT_SLACK = Duration.ofSeconds(5);
  private static final Map<String, String> ENV = Map.of(
      "HERALD_SHUTDOWN_DEADLINE", Long.toString(SHUTDOWN_DEADLINE.toSeconds()),
      "HERALD_RATE_LOGIN_PER_IP", "off",
      "HERALD_RATE_LOGIN_PER_ACCOUNT", "off",
      "HERALD_RATE_SOCKET_AUTH_PER_IP", "off",
      "HERALD_RATE_SOCKET_AUTH_PER_ACCOUNT", "off");

  private final List<GatewayProcess> gateways = new ArrayList<>();
  private final List<LoadClient> clients = new ArrayList<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void tearDown() {
    ticker.shutdownNow();
    clients.forEach(LoadClient::close);
    gateways.forEach(GatewayProcess::close);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void restartsUnderLoadWithoutLosingUsersOrTokens(@TempDir Path dataDir) throws Exception {
    int port = GatewayProcess.freePort();
    GatewayProcess first = start(port, dataDir);
    AuthApi api = new AuthApi(first.url());
    List<Account> accounts = api.registerAll("restart", USERS);
    for (int i = 0; i < USERS * CLIENTS_PER_USER; i++) {
      LoadClient client = new LoadClient(first.url(), accounts.get(i % USERS).token(), "load-" + (i % 7),
          i % 2 == 0 ? "websocket" : "polling");
      clients.add(client);
      client.connect();
    }
    ticker.scheduleAtFixedRate(() -> clients.forEach(LoadClient::tick), 100, 200, TimeUnit.MILLISECONDS);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(clients)
        .as("gateway output:%n%s", String.join("\n", first.output()))
        .allSatisfy(client -> assertThat(client.acks()).as("%s", client).isGreaterThanOrEqualTo(3)));

    long stopping = System.nanoTime();
    first.terminate();
    OptionalInt exit = first.awaitExit(SHUTDOWN_DEADLINE.plus(EXIT_SLACK));
    Duration shutdown = Duration.ofNanos(System.nanoTime() - stopping);
    assertThat(exit).as("exit code; output:%n%s", String.join("\n", first.output())).hasValue(0);
    assertThat(shutdown).isLessThan(SHUTDOWN_DEADLINE.plus(EXIT_SLACK));
    assertThat(clients).allSatisfy(client -> {
      assertThat(client.maintenanceNotices()).as("%s", client).isEqualTo(1);
      assertThat(client.connects()).as("%s", client).isEqualTo(1);
    });
    int acksBeforeRestart = clients.stream().mapToInt(LoadClient::acks).sum();

    GatewayProcess second = start(port, dataDir);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(clients).allSatisfy(client -> {
      assertThat(client.connects()).as("%s", client).isEqualTo(2);
      assertThat(client.roomAcks()).as("%s", client).isEqualTo(2);
    }));
    await().atMost(Duration.ofSeconds(10)).until(
        () -> clients.stream().mapToInt(LoadClient::acks).sum() >= acksBeforeRestart + clients.size() * 3);

    AuthApi restarted = new AuthApi(second.url());
    for (Account account : accounts) {
      AuthApi.Answer me = restarted.me(account.token());
      assertThat(me.status()).as("/auth/me with the token issued before the restart: %s", me.body()).isEqualTo(200);
      assertThat(me.body().toString()).contains(account.id());
    }
    AuthApi.Answer login = restarted.login(accounts.get(0).email(), accounts.get(0).password());
    assertThat(login.status()).as("login after the restart: %s", login.body()).isEqualTo(200);
    assertThat(restarted.me(login.body().path("token").asText()).status()).isEqualTo(200);
  }

  private GatewayProcess start(int port, Path dataDir) throws Exception {
    GatewayProcess gateway = GatewayProcess.start(port, dataDir, ENV, List.of("-Xmx256m"));
    gateways.add(gateway);
    return gateway;
  }
}
