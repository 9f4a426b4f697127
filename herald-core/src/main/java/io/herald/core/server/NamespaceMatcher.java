package io.herald.core.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/** Decides whether a namespace that does not exist yet may be created when a client asks for it. */
@FunctionalInterface
public interface NamespaceMatcher {
  /**
   * @param name the namespace the client asked for, such as {@code /tenant-42}
   * @param auth the {@code auth} object the client sent
   */
  boolean matches(String name, ObjectNode auth);

  /** Matches names that match the regular expression as a whole. */
  static NamespaceMatcher pattern(Pattern pattern) {
    return (name, auth) -> pattern.matcher(name).matches();
  }
}
