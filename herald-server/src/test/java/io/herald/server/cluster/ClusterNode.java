package io.herald.server.cluster;

import io.herald.server.app.Gateway;
import io.herald.server.app.GatewayConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One full gateway of a test cluster: 127.0.0.1, a free port, its own data directory, and the cluster's shared
 * settings (Redis URL, JWT secret, database). Users registered on one node exist on every node.
 */
public final class ClusterNode implements AutoCloseable {
  private final Gateway gateway;
  private final Path dataDir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A user registered through {@code POST /auth/register}. */
  public record User(String id, String email, String token) {}

  private ClusterNode(Gateway gateway, Path dataDir) {
    this.gateway = gateway;
    this.dataDir = dataDir;
  }

  /**
   * Starts a node with these settings on top of the test defaults (generous per-address limits, since every test
   * client comes from 127.0.0.1).
   */
  public static ClusterNode start(Map<String, String> clusterEnv) {
    try {
      Path dataDir = Files.createTempDirectory("herald-cluster-");
      Map<String, String> env = new HashMap<>();
      env.put("HERALD_RATE_LOGIN_PER_IP", "10000/1m");
      env.put("HERALD_RATE_SOCKET_AUTH_PER_IP", "10000/1m");
      env.putAll(clusterEnv);
      GatewayConfig config = GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withEventLoops(2)
          .withDataDir(dataDir).withEnv(env);
      return new ClusterNode(Gateway.start(config), dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Gateway gateway() {
    return gateway;
  }

  public String url() {
    return "http://127.0.0.1:" + gateway.port();
  }

  public User register(String email, String password) {
    HttpResponse<String> response = post("/auth/register", new JsonObject().put("email", email)
        .put("password", password));
    if (response.statusCode() != 201) {
      throw new IllegalStateException("register " + email + ": HTTP " + response.statusCode() + " " + response.body());
    }
    JsonObject session = new JsonObject(response.body());
    JsonObject user = session.getJsonObject("user");
    return new User(user.getString("id"), user.getString("email"), session.getString("token"));
  }

  /** {@code POST /auth/login}; returns the response's status code. */
  public int login(String email, String password) {
    return post("/auth/login", new JsonObject().put("email", email).put("password", password)).statusCode();
  }

  /** {@code POST /auth/logout} with the token; returns the response's status code. */
  public int logout(String token) {
    return send(HttpRequest.newBuilder(URI.create(url() + "/auth/logout"))
        .header("authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.noBody())).statusCode();
  }

  /** {@code GET /health} as JSON. */
  public JsonObject health() {
    return new JsonObject(send(HttpRequest.newBuilder(URI.create(url() + "/health")).GET()).body());
  }

  private HttpResponse<String> post(String path, JsonObject body) {
    return send(HttpRequest.newBuilder(URI.create(url() + path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    gateway.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
