package io.herald.server.interop;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the client scripts live (relative to the herald-server module, Surefire's working directory). */
final class InteropPaths {

  private InteropPaths() {}

  /** The herald-server module directory. */
  static Path moduleDir() {
    Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    if (Files.isDirectory(base.resolve("src/test/node"))) {
      return base;
    }
    Path nested = base.resolve("herald-server");
    return Files.isDirectory(nested.resolve("src/test/node")) ? nested : base;
  }

  static Path nodeDir() {
    return moduleDir().resolve("src/test/node");
  }

  static Path pythonDir() {
    return moduleDir().resolve("src/test/python");
  }
}
