package io.herald.server.app;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Starts the gateway from the command line; SIGTERM or SIGINT shut it down gracefully with exit code 0. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  /** A second signal must not exit while the first one's drain is still running. */
  private static final AtomicBoolean STOPPING = new AtomicBoolean();

  private Main() {}

  public static void main(String[] args) {
    GatewayConfig config;
    try {
      config = GatewayConfig.load(args, System.getenv());
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("herald: " + e.getMessage());
      System.exit(2);
      return;
    }
    Gateway gateway = Gateway.start(config);
    log.info("Herald listening on http://{}:{} (profile {}, Socket.IO at {}, {} event loops)",
        config.host(), gateway.port(), config.profile().name().toLowerCase(java.util.Locale.ROOT),
        gateway.io().path(), config.eventLoops());
    Signal.handle(new Signal("TERM"), signal -> stop(gateway, "SIGTERM"));
    Signal.handle(new Signal("INT"), signal -> stop(gateway, "SIGINT"));
  }

  private static void stop(Gateway gateway, String signal) {
    if (!STOPPING.compareAndSet(false, true)) {
      log.info("{} received again: still draining, HERALD_SHUTDOWN_DEADLINE bounds the wait", signal);
      return;
    }
    log.info("{} received: telling clients and shutting down", signal);
    try {
      gateway.close();
    } catch (RuntimeException | Error e) {
      log.error("shutdown failed", e);
      System.exit(1);
    }
    log.info("Herald stopped");
    System.exit(0);
  }
}
