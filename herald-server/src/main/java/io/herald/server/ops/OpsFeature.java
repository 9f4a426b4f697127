package io.herald.server.ops;

import io.herald.server.feature.Feature;
import io.herald.server.feature.FeatureContext;

/** {@code GET /health}, {@code /health/live}, {@code /health/ready} and {@code GET /metrics}. */
public final class OpsFeature implements Feature {
  @Override
  public String name() {
    return "ops";
  }

  @Override
  public void install(FeatureContext context) {
    new HealthRoutes(context.io(), context.cluster().orElse(null), context.health()).mount(context.router());
    new MetricsRoutes(context.metrics(), context.io()).mount(context.router());
  }
}
