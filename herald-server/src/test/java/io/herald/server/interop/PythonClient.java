package io.herald.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code src/test/python/sio_client.py} with Debian's {@code /usr/bin/python3}, the only interpreter that
 * sees the {@code python3-socketio} (5.7.x), {@code python3-requests} and {@code python3-websocket} packages.
 */
final class PythonClient {

  static final Path INTERPRETER = Path.of("/usr/bin/python3");

  private PythonClient() {}

  /** {@code /usr/bin/python3 sio_client.py <scenario> <url> <websocket|polling>}. */
  static ClientProcess socketIo(String scenario, String url, String transport) {
    assertThat(INTERPRETER).as("Debian python3 with python3-socketio (apt-get install python3-socketio)")
        .isExecutable();
    Path dir = InteropPaths.pythonDir();
    return ClientProcess.start(dir,
        List.of(INTERPRETER.toString(), "-B", "sio_client.py", scenario, url, transport),
        Map.of("PYTHONIOENCODING", "utf-8", "PYTHONNOUSERSITE", "1", "PYTHONPATH", ""));
  }
}
