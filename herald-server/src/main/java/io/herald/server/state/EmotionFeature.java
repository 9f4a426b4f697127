package io.herald.server.state;

import io.herald.server.auth.AuthServices;
import io.herald.server.auth.LiveSessions;
import io.herald.server.feature.Feature;
import io.herald.server.feature.FeatureContext;

/**
 * Seed 004's emotion sync: the plain WebSocket endpoint {@code /api/ws} ({@link EmotionSocket}) and
 * {@code GET /api/emotions/me}; its connections count in {@code GET /health}. Needs the identity feature.
 */
public final class EmotionFeature implements Feature {
  private EmotionSocket socket;

  @Override
  public String name() {
    return "emotions";
  }

  @Override
  public void install(FeatureContext context) {
    socket = new EmotionSocket(context.require(AuthServices.class),
        new JdbcEmotionRepository(context.database().dataSource()), context.require(LiveSessions.class),
        context.io().of("/"));
    socket.mount(context.router());
    context.health().connections("apiWs", socket::connectionCount);
  }

  @Override
  public void drain() {
    if (socket != null) {
      socket.closeAll();
    }
  }
}
