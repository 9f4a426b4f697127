package io.herald.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.server.app.Gateway;
import io.herald.server.app.GatewayConfig;
import io.herald.server.storage.StorageSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A full gateway in the default profile for tests: 127.0.0.1, a free port, a temporary data directory with an H2
 * database (or a PostgreSQL one: {@link #onPostgres()}), HS256 tokens with a secret the test knows. Users are
 * registered through the real REST API.
 */
public final class IdentityGateway implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** On PostgreSQL, a restart on the same data directory finds the same database. */
  private static final Map<Path, StorageSettings> POSTGRES_BY_DATA_DIR = new ConcurrentHashMap<>();

  private final Gateway gateway;
  private final Path dataDir;
  private final boolean ownsDataDir;
  private final String secret;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A user registered through {@code POST /auth/register}. */
  public record RegisteredUser(String id, String email, String token) {}

  private IdentityGateway(Gateway gateway, Path dataDir, boolean ownsDataDir, String secret) {
    this.gateway = gateway;
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.secret = secret;
  }

  /**
   * Whether gateways run on PostgreSQL ({@code -Dherald.test.database=postgres}, the build's second run of the
   * identity tests) instead of the embedded default, an H2 file in the data directory.
   */
  public static boolean onPostgres() {
    return "postgres".equals(System.getProperty("herald.test.database"));
  }

  public static IdentityGateway start() throws IOException {
    return start(Map.of());
  }

  /** Starts with extra environment settings, such as {@code HERALD_JWT_TTL=PT3S}. */
  public static IdentityGateway start(Map<String, String> extraEnv) throws IOException {
    return start(Files.createTempDirectory("herald-test-"), true, extraEnv);
  }

  /** Starts on a data directory the test keeps (to restart on the same users); it is not deleted on close. */
  public static IdentityGateway startIn(Path dataDir, Map<String, String> extraEnv) throws IOException {
    return start(dataDir, false, extraEnv);
  }

  private static IdentityGateway start(Path dataDir, boolean ownsDataDir, Map<String, String> extraEnv) {
    String secret = extraEnv.getOrDefault("HERALD_JWT_SECRET", randomSecret());
    Map<String, String> env = new HashMap<>();
    env.put("HERALD_JWT_SECRET", secret);
    // every test client comes from 127.0.0.1: per-address limits would make tests depend on their order
    env.put("HERALD_RATE_LOGIN_PER_IP", "10000/1m");
    env.put("HERALD_RATE_SOCKET_AUTH_PER_IP", "10000/1m");
    if (onPostgres() && !extraEnv.containsKey("HERALD_JDBC_URL")) {
      env.putAll(TestPostgres.env(POSTGRES_BY_DATA_DIR.computeIfAbsent(dataDir.toAbsolutePath(),
          dir -> TestPostgres.freshDatabase())));
    }
    env.putAll(extraEnv);
    GatewayConfig config = GatewayConfig.defaults()
        .withHost("127.0.0.1")
        .withPort(0)
        .withEventLoops(2)
        .withDataDir(dataDir)
        .withEnv(env);
    return new IdentityGateway(Gateway.start(config), dataDir, ownsDataDir, secret);
  }

  public Gateway gateway() {
    return gateway;
  }

  public int port() {
    return gateway.port();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Registers a user through the REST API and returns its id and token. */
  public RegisteredUser register(String email, String password) throws IOException, InterruptedException {
    Map<String, Object> body = Map.of("email", email, "password", password);
    HttpResponse<String> response = post("/auth/register", JSON.writeValueAsString(body), null);
    if (response.statusCode() != 201) {
      throw new IllegalStateException("register " + email + ": HTTP " + response.statusCode() + " " + response.body());
    }
    Map<?, ?> session = JSON.readValue(response.body(), Map.class);
    Map<?, ?> user = (Map<?, ?>) session.get("user");
    return new RegisteredUser((String) user.get("id"), (String) user.get("email"), (String) session.get("token"));
  }

  /** {@code POST /auth/logout} with the token: every token of its user issued before is revoked. */
  public void logout(String token) throws IOException, InterruptedException {
    HttpResponse<String> response = post("/auth/logout", "", token);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("logout: HTTP " + response.statusCode() + " " + response.body());
    }
  }

  /** A POST with a JSON body and an optional bearer token. */
  public HttpResponse<String> post(String path, String json, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET with an optional bearer token. */
  public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An HS256 token with these claims, signed with the gateway's secret (for expired, unknown-user, … tokens). */
  public String signToken(Map<String, Object> claims) {
    return sign(claims, secret);
  }

  /** An HS256 token signed with a secret the gateway does not know. */
  public String signTokenWithOtherSecret(Map<String, Object> claims) {
    return sign(claims, randomSecret());
  }

  private static String sign(Map<String, Object> claims, String key) {
    try {
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("alg", "HS256");
      header.put("typ", "JWT");
      String signingInput = BASE64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
          + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signingInput + "." + BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a test token", e);
    }
  }

  /** A fresh random HS256 secret, for tests that restart a gateway with the same one. */
  public static String randomSecret() {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }

  @Override
  public void close() throws IOException {
    gateway.close();
    if (!ownsDataDir) {
      return;
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
