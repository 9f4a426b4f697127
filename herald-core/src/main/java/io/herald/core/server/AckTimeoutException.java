package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Acknowledgements did not all arrive in time. {@link #received()} holds those that did. */
public final class AckTimeoutException extends TimeoutException {
  private final transient List<JsonNode> received;

  public AckTimeoutException(Duration timeout, List<JsonNode> received) {
    super("operation has timed out after " + timeout.toMillis() + " ms");
    this.received = List.copyOf(received);
  }

  public List<JsonNode> received() {
    return received;
  }
}
