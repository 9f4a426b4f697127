package io.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.socketio.PayloadMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the comparison table from the JSON lines of {@link LoadGen} (one per scenario and server):
 * {@code java -cp herald-bench.jar io.herald.bench.Report results.jsonl [herald-label node-label]}.
 * Every row carries the Herald/Node ratio. Exits 1 if any scenario did not run on either server.
 */
public final class Report {
  private record Metric(String field, String title, String unit) {}

  private static final Map<String, List<Metric>> METRICS = new LinkedHashMap<>();

  static {
    List<Metric> connect = List.of(new Metric("connectsPerSec", "connects per second", "/s"),
        new Metric("p50Ms", "connect latency p50", "ms"), new Metric("p99Ms", "connect latency p99", "ms"),
        new Metric("cpuMsPerConnect", "server CPU per connect", "ms"),
        new Metric("cpuUserMsPerConnect", "server CPU user per connect", "ms"),
        new Metric("cpuSysMsPerConnect", "server CPU system per connect", "ms"));
    List<Metric> idle = List.of(new Metric("rssPerConnKb", "server RSS per connection", "KiB"));
    List<Metric> echo = List.of(new Metric("msgsPerSec", "acked echoes per second", "/s"),
        new Metric("p50Ms", "latency p50", "ms"), new Metric("p99Ms", "latency p99", "ms"),
        new Metric("p999Ms", "latency p99.9", "ms"), new Metric("cpuSPer1kMsgs", "server CPU per 1k messages", "s"),
        new Metric("cpuUserSPer1kMsgs", "server CPU user per 1k messages", "s"),
        new Metric("cpuSysSPer1kMsgs", "server CPU system per 1k messages", "s"));
    List<Metric> delivery = List.of(new Metric("deliveriesPerSec", "deliveries per second", "/s"),
        new Metric("deliveryRate", "delivered / expected", ""),
        new Metric("p50Ms", "emit-to-receipt p50", "ms"), new Metric("p99Ms", "emit-to-receipt p99", "ms"),
        new Metric("p999Ms", "emit-to-receipt p99.9", "ms"),
        new Metric("cpuSPer1kMsgs", "server CPU per 1k delivered", "s"),
        new Metric("cpuUserSPer1kMsgs", "server CPU user per 1k delivered", "s"),
        new Metric("cpuSysSPer1kMsgs", "server CPU system per 1k delivered", "s"));
    METRICS.put("connect", connect);
    METRICS.put("connect-jwt", connect);
    METRICS.put("idle", idle);
    METRICS.put("echo", echo);
    METRICS.put("fanout", delivery);
    METRICS.put("chat", delivery);
  }

  private Report() {}

  public static void main(String[] args) throws IOException {
    String a = args.length > 1 ? args[1] : "herald";
    String b = args.length > 2 ? args[2] : "node";
    Map<String, Map<String, JsonNode>> byScenario = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (!line.startsWith("{")) {
        continue;
      }
      JsonNode r = PayloadMapper.get().readTree(line);
      byScenario.computeIfAbsent(r.path("scenario").asText(), k -> new LinkedHashMap<>())
          .put(r.path("server").asText(), r);
    }
    List<String[]> rows = new ArrayList<>();
    boolean failed = false;
    for (Map.Entry<String, Map<String, JsonNode>> e : byScenario.entrySet()) {
      JsonNode ra = e.getValue().get(a);
      JsonNode rb = e.getValue().get(b);
      String kind = kindOf(e.getKey());
      String conns = ra != null ? ra.path("conns").asText() : rb != null ? rb.path("conns").asText() : "?";
      for (Metric m : METRICS.getOrDefault(kind, List.of())) {
        String va = value(ra, m);
        String vb = value(rb, m);
        rows.add(new String[] {e.getKey() + " (" + conns + ")", m.title() + (m.unit().isEmpty() ? "" : " (" + m.unit()
            + ")"), va, vb, ratio(ra, rb, m)});
      }
      failed |= ra == null || rb == null || !ra.path("ok").asBoolean() || !rb.path("ok").asBoolean();
    }
    String[] header = {"scenario (conns)", "metric", capitalize(a), capitalize(b), capitalize(a) + "/" + capitalize(b)};
    int[] w = new int[header.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = header[i].length();
      for (String[] r : rows) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    print(header, w);
    StringBuilder sep = new StringBuilder("|");
    for (int x : w) {
      sep.append(dashes(x + 2)).append('|');
    }
    System.out.println(sep);
    for (String[] r : rows) {
      print(r, w);
    }
    for (Map.Entry<String, Map<String, JsonNode>> e : byScenario.entrySet()) {
      for (JsonNode r : e.getValue().values()) {
        if (!r.path("ok").asBoolean()) {
          System.out.println("FAILED: " + e.getKey() + " on " + r.path("server").asText() + ": "
              + r.path("error").asText());
        }
      }
    }
    System.exit(failed ? 1 : 0);
  }

  static String kindOf(String scenario) {
    for (String k : List.of("connect-jwt", "connect", "idle", "echo", "fanout", "chat")) {
      if (scenario.startsWith(k)) {
        return k;
      }
    }
    return scenario;
  }

  private static String value(JsonNode r, Metric m) {
    if (r == null || !r.path("ok").asBoolean()) {
      return "FAILED";
    }
    JsonNode v = r.path(m.field());
    return v.isNumber() ? format(v.asDouble()) : "-";
  }

  private static String ratio(JsonNode ra, JsonNode rb, Metric m) {
    if (ra == null || rb == null) {
      return "n/a";
    }
    JsonNode va = ra.path(m.field());
    JsonNode vb = rb.path(m.field());
    if (!va.isNumber() || !vb.isNumber()) {
      return "n/a";
    }
    if (vb.asDouble() == 0) {
      return va.asDouble() == 0 ? "1.00" : "inf";
    }
    return String.format(Locale.ROOT, "%.2f", va.asDouble() / vb.asDouble());
  }

  private static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String dashes(int n) {
    return "-".repeat(n);
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static void print(String[] cells, int[] w) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i];
      boolean left = i < 2;
      sb.append(' ').append(left ? pad(c, w[i], true) : pad(c, w[i], false)).append(" |");
    }
    System.out.println(sb);
  }

  private static String pad(String s, int width, boolean left) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return left ? s + fill : fill + s;
  }
}
