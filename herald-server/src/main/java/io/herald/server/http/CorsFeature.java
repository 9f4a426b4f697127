package io.herald.server.http;

import io.herald.server.feature.Feature;
import io.herald.server.feature.FeatureContext;
import io.herald.server.feature.ServerSetup;

/** {@code HERALD_CORS_ORIGINS} ({@link CorsSettings}) on Socket.IO's handshakes and on the REST routes. */
public final class CorsFeature implements Feature {
  private CorsSettings settings;

  @Override
  public String name() {
    return "cors";
  }

  @Override
  public void configure(ServerSetup setup) {
    settings = CorsSettings.fromEnv(setup.env());
    setup.engine().cors(settings.engine());
  }

  @Override
  public void install(FeatureContext context) {
    if (settings.enabled()) {
      context.router().route().handler(settings.rest());
    }
  }
}
