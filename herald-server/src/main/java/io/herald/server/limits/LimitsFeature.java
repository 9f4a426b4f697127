package io.herald.server.limits;

import io.herald.server.feature.Feature;
import io.herald.server.feature.FeatureContext;
import io.herald.server.feature.ServerSetup;

/**
 * The limits the gateway puts on clients ({@link LimitSettings}, {@code docs/LIMITS.md}) on the engine, the
 * Socket.IO server, the HTTP server and the REST bodies, and the counts of their refusals
 * ({@link LimitCounters}) in {@code GET /health} and {@code GET /metrics}.
 */
public final class LimitsFeature implements Feature {
  private LimitSettings settings;
  private LimitCounters counters;

  @Override
  public String name() {
    return "limits";
  }

  @Override
  public void configure(ServerSetup setup) {
    settings = LimitSettings.fromEnv(setup.env()); // HERALD_MAX_*, see docs/LIMITS.md
    counters = new LimitCounters(setup.metrics());
    settings.applyTo(setup.engine());
    settings.applyTo(setup.io()).listener(counters);
    settings.applyTo(setup.http());
  }

  @Override
  public void install(FeatureContext context) {
    context.router().route().handler(settings.bodyGuard());
    context.health().detail("limits", counters::toJson);
  }
}
