package io.herald.server.app;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Parses {@code --name value} and {@code --name=value} command-line flags. */
final class Flags {
  private static final Set<String> KNOWN = Set.of("config", "host", "port", "profile");

  private Flags() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("argument: " + arg + " (expected: --config, --host, --port or --profile)");
      }
      String name = arg.substring(2);
      String value;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("flag --" + name + " needs a value");
      }
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException("flag: --" + name + " (expected: --config, --host, --port or --profile)");
      }
      flags.put(name, value);
    }
    return flags;
  }
}
