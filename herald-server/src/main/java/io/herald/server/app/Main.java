package io.herald.server.app;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Starts the gateway from the command line; SIGTERM or SIGINT shut it down gracefully with exit code 0. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

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
    log.info("{} received: telling clients and shutting down", signal);
    gateway.close();
    log.info("Herald stopped");
    System.exit(0);
  }
}
