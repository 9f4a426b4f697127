package io.herald.server.reliability.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a soak run does. Every field has a command-line flag of the same name in kebab case
 * ({@code --connections 5000 --duration PT10M}); durations are ISO-8601 or seconds.
 *
 * @param connections Socket.IO connections held open
 * @param duration how long the run lasts after the ramp-up; it stops by itself
 * @param users registered users the connections are spread over (each user's sockets share its {@code user:} room)
 * @param churnPerMinute share of the connections closed and reopened every minute (0.05 = 5 %)
 * @param pingInterval how often each connection sends {@code ping} with an ack
 * @param broadcastInterval how often each user's {@code /api/ws} connection sends an {@code emotion_update}, which
 *     the gateway broadcasts to the user's room
 * @param sampleInterval how often heap, RSS and latency are sampled into the CSV
 * @param warmup samples taken before this are left out of the heap verdict
 * @param sourceAddresses how many loopback source addresses (127.0.0.1 …) the connections are spread over
 * @param rampPerSecond how many connections are opened per second at the start
 * @param gatewayJvmOptions JVM options of the gateway process
 * @param csv where the samples go
 */
public record SoakOptions(int connections, Duration duration, int users, double churnPerMinute,
    Duration pingInterval, Duration broadcastInterval, Duration sampleInterval, Duration warmup, int sourceAddresses,
    int rampPerSecond, List<String> gatewayJvmOptions, Path csv) {

  public SoakOptions {
    if (connections < 1 || users < 1 || users > connections) {
      throw new IllegalArgumentException("connections: " + connections + ", users: " + users
          + " (expected: 1 <= users <= connections)");
    }
    if (sourceAddresses < 1 || sourceAddresses > 254) {
      throw new IllegalArgumentException("sourceAddresses: " + sourceAddresses + " (expected: 1-254)");
    }
    if (churnPerMinute < 0 || churnPerMinute > 1) {
      throw new IllegalArgumentException("churnPerMinute: " + churnPerMinute + " (expected: 0-1)");
    }
    gatewayJvmOptions = List.copyOf(gatewayJvmOptions);
  }

  /** The full soak: 5,000 connections for 10 minutes. */
  public static SoakOptions full() {
    return new SoakOptions(5_000, Duration.ofMinutes(10), 100, 0.05, Duration.ofSeconds(10), Duration.ofSeconds(5),
        Duration.ofSeconds(30), Duration.ofMinutes(2), 9, 500, List.of("-Xmx1g", "-XX:+UseG1GC"),
        Path.of("soak/results/soak.csv"));
  }

  /** {@link #full()} with the flags given on the command line. */
  public static SoakOptions parse(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("argument " + args[i] + " (expected: --name value)");
      }
      flags.put(args[i].substring(2), args[++i]);
    }
    SoakOptions d = full();
    SoakOptions options = new SoakOptions(
        integer(flags.remove("connections"), d.connections),
        duration(flags.remove("duration"), d.duration),
        integer(flags.remove("users"), d.users),
        flags.containsKey("churn-per-minute") ? Double.parseDouble(flags.remove("churn-per-minute")) : d.churnPerMinute,
        duration(flags.remove("ping-interval"), d.pingInterval),
        duration(flags.remove("broadcast-interval"), d.broadcastInterval),
        duration(flags.remove("sample-interval"), d.sampleInterval),
        duration(flags.remove("warmup"), d.warmup),
        integer(flags.remove("source-addresses"), d.sourceAddresses),
        integer(flags.remove("ramp-per-second"), d.rampPerSecond),
        flags.containsKey("gateway-jvm-options") ? List.of(flags.remove("gateway-jvm-options").trim().split("\\s+"))
            : d.gatewayJvmOptions,
        flags.containsKey("csv") ? Path.of(flags.remove("csv")) : d.csv);
    if (!flags.isEmpty()) {
      throw new IllegalArgumentException("unknown flags: " + flags.keySet());
    }
    return options;
  }

  private static int integer(String value, int otherwise) {
    return value == null ? otherwise : Integer.parseInt(value.trim());
  }

  private static Duration duration(String value, Duration otherwise) {
    if (value == null) {
      return otherwise;
    }
    String text = value.trim();
    return text.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(text)) : Duration.parse(text);
  }
}
