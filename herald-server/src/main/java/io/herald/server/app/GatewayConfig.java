package io.herald.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How the gateway runs. Read from, in rising order of precedence: built-in defaults, a JSON config file
 * ({@code --config herald.json}), environment variables ({@code HERALD_PORT}, {@code HERALD_HOST},
 * {@code HERALD_PROFILE}) and command-line flags ({@code --port}, {@code --host}, {@code --profile}).
 *
 * @param host the address to listen on
 * @param port the port to listen on; 0 picks a free one
 * @param profile {@code default}, or {@code conformance} for protocol test suites
 * @param eventLoops how many event loops serve HTTP and sockets
 * @param dataDir where the embedded database and generated secrets live ({@code HERALD_DATA_DIR}, {@code ./data})
 * @param env the environment the features read their settings from ({@code HERALD_JWT_SECRET}, …)
 */
public record GatewayConfig(String host, int port, Profile profile, int eventLoops, Path dataDir,
    Map<String, String> env) {
  /** What the gateway serves. */
  public enum Profile {
    /** The gateway. */
    DEFAULT,
    /** Echo handlers and short timers for protocol conformance suites; nothing else. */
    CONFORMANCE;

    static Profile parse(String value) {
      return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "default" -> DEFAULT;
        case "conformance" -> CONFORMANCE;
        default -> throw new IllegalArgumentException("profile: " + value + " (expected: default or conformance)");
      };
    }
  }

  public GatewayConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(profile, "profile");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
    }
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops: " + eventLoops + " (expected: >= 1)");
    }
    Objects.requireNonNull(dataDir, "dataDir");
    env = Map.copyOf(env);
  }

  @Override
  public String toString() {
    return "GatewayConfig{" + host + ":" + port + ", profile " + profile + ", " + eventLoops + " event loops, data "
        + dataDir + "}";
  }

  public static GatewayConfig defaults() {
    return new GatewayConfig("0.0.0.0", 3000, Profile.DEFAULT, Runtime.getRuntime().availableProcessors(),
        Path.of("data"), Map.of());
  }

  public static GatewayConfig conformance() {
    return defaults().withProfile(Profile.CONFORMANCE);
  }

  public GatewayConfig withHost(String value) {
    return new GatewayConfig(value, port, profile, eventLoops, dataDir, env);
  }

  public GatewayConfig withPort(int value) {
    return new GatewayConfig(host, value, profile, eventLoops, dataDir, env);
  }

  public GatewayConfig withProfile(Profile value) {
    return new GatewayConfig(host, port, value, eventLoops, dataDir, env);
  }

  public GatewayConfig withEventLoops(int value) {
    return new GatewayConfig(host, port, profile, value, dataDir, env);
  }

  public GatewayConfig withDataDir(Path value) {
    return new GatewayConfig(host, port, profile, eventLoops, value, env);
  }

  /** The environment the features read (secrets, database URL, limits); tests pass their own. */
  public GatewayConfig withEnv(Map<String, String> value) {
    return new GatewayConfig(host, port, profile, eventLoops, dataDir, value);
  }

  /** Reads the configuration from a config file, the environment and the command line. */
  public static GatewayConfig load(String[] args, Map<String, String> env) throws IOException {
    Map<String, String> flags = Flags.parse(args);
    GatewayConfig config = defaults().withEnv(env);
    String dataDir = env.get("HERALD_DATA_DIR");
    if (dataDir != null && !dataDir.isBlank()) {
      config = config.withDataDir(Path.of(dataDir));
    }
    String file = flags.getOrDefault("config", env.get("HERALD_CONFIG"));
    if (file != null) {
      config = config.merge(new ObjectMapper().readTree(Files.readString(Path.of(file))), file);
    }
    config = config.merge(env.get("HERALD_HOST"), env.get("HERALD_PORT"), env.get("HERALD_PROFILE"), "environment");
    return config.merge(flags.get("host"), flags.get("port"), flags.get("profile"), "command line");
  }

  private GatewayConfig merge(JsonNode file, String source) {
    if (!file.isObject()) {
      throw new IllegalArgumentException(source + ": expected a JSON object");
    }
    return merge(text(file, "host"), text(file, "port"), text(file, "profile"), source);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private GatewayConfig merge(String newHost, String newPort, String newProfile, String source) {
    GatewayConfig config = this;
    if (newHost != null) {
      config = config.withHost(newHost);
    }
    if (newPort != null) {
      try {
        config = config.withPort(Integer.parseInt(newPort.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("port from " + source + ": " + newPort + " (expected: a number 0-65535)");
      }
    }
    if (newProfile != null) {
      config = config.withProfile(Profile.parse(newProfile));
    }
    return config;
  }
}
