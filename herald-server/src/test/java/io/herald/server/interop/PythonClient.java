package io.herald.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code src/test/python/sio_client.py} with the interpreter {@code bin/test} found ({@code HERALD_PYTHON}: the
 * first python3 that imports {@code socketio}, {@code requests} and {@code websocket}), or Debian's
 * {@code /usr/bin/python3}, which sees the {@code python3-socketio} (5.7.x) packages, when run without it.
 */
final class PythonClient {

  static final Path INTERPRETER = interpreter(System.getenv("HERALD_PYTHON"));

  private PythonClient() {}

  static Path interpreter(String heraldPython) {
    return heraldPython == null || heraldPython.isBlank() ? Path.of("/usr/bin/python3") : Path.of(heraldPython);
  }

  /** {@code <python3> sio_client.py <scenario> <url> <websocket|polling>}. */
  static ClientProcess socketIo(String scenario, String url, String transport) {
    assertThat(INTERPRETER).as("python3 with socketio (HERALD_PYTHON, or Debian's: apt-get install python3-socketio)")
        .isExecutable();
    Path dir = InteropPaths.pythonDir();
    return ClientProcess.start(dir,
        List.of(INTERPRETER.toString(), "-B", "sio_client.py", scenario, url, transport),
        Map.of("PYTHONIOENCODING", "utf-8", "PYTHONNOUSERSITE", "1", "PYTHONPATH", ""));
  }
}
