package io.herald.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line arguments. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + name);
      }
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        values.put(name, args[++i]);
      } else {
        values.put(name, "true");
      }
    }
  }

  String value(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int intValue(String name, int fallback) {
    String v = values.get(name);
    return v == null ? fallback : Integer.parseInt(v);
  }

  double doubleValue(String name, double fallback) {
    String v = values.get(name);
    return v == null ? fallback : Double.parseDouble(v);
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }
}
