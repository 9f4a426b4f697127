package io.herald.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the Node.js client scripts of {@code src/test/node} (socket.io-client 4.8.x, engine.io-client 6.6.x).
 *
 * <p>The {@code node_modules} directory is installed by the exec-maven-plugin during
 * {@code generate-test-resources} ({@code npm ci}); run that phase (or {@code npm ci} in that directory)
 * before running these tests from an IDE.
 */
final class NodeClient {

  private NodeClient() {}

  /** {@code node sio-client.js <scenario> <url> <mode>}. */
  static ClientProcess socketIo(String scenario, String url, NodeTransport transport) {
    return run("sio-client.js", scenario, url, transport.mode());
  }

  /** {@code node eio-echo.js <url> <mode>}. */
  static ClientProcess engineIoEcho(String url, NodeTransport transport) {
    return run("eio-echo.js", url, transport.mode());
  }

  private static ClientProcess run(String script, String... args) {
    Path dir = InteropPaths.nodeDir();
    assertThat(dir.resolve("node_modules/socket.io-client"))
        .as("Node client dependencies are missing: run `npm ci` in %s (Maven does it in generate-test-resources)", dir)
        .isDirectory();
    assertThat(Files.isRegularFile(dir.resolve(script))).as("script %s in %s", script, dir).isTrue();
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    return ClientProcess.start(dir, command, Map.of("NO_COLOR", "1"));
  }
}
