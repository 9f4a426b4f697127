package io.herald.server.app;

import io.herald.server.auth.IdentityFeature;
import io.herald.server.conformance.ConformanceFeature;
import io.herald.server.feature.Feature;
import io.herald.server.http.CorsFeature;
import io.herald.server.limits.LimitsFeature;
import io.herald.server.ops.OpsFeature;
import io.herald.server.presence.PresenceFeature;
import io.herald.server.session.SessionFeature;
import io.herald.server.state.EmotionFeature;
import java.util.List;

/** The features of each profile, in the order they are installed (routes match in that order too). */
final class Profiles {
  private Profiles() {}

  static List<Feature> features(GatewayConfig.Profile profile) {
    return switch (profile) {
      case DEFAULT -> List.of(
          new LimitsFeature(),
          new CorsFeature(),
          new OpsFeature(),
          new IdentityFeature(),
          new SessionFeature(),
          new PresenceFeature(),
          new EmotionFeature());
      case CONFORMANCE -> List.of(
          new OpsFeature(),
          new ConformanceFeature());
    };
  }
}
