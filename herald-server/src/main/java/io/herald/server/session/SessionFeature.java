package io.herald.server.session;

import io.herald.server.auth.AuthServices;
import io.herald.server.auth.IdentityFeature;
import io.herald.server.auth.LiveSessions;
import io.herald.server.feature.Feature;
import io.herald.server.feature.FeatureContext;

/**
 * The session surface of {@code /} ({@link SessionEvents}: {@code welcome}, {@code authenticated}, identity rooms,
 * {@code authenticate}, {@code logout}, rooms, {@code ping}, {@code heartbeat}) and token renewal by
 * {@code authenticate} on the namespaces that require identity. Needs the identity feature.
 */
public final class SessionFeature implements Feature {
  @Override
  public String name() {
    return "session";
  }

  @Override
  public void install(FeatureContext context) {
    SessionEvents events = new SessionEvents(context.require(AuthServices.class), context.require(LiveSessions.class));
    events.install(context.io().of("/"));
    for (String name : IdentityFeature.PROTECTED_NAMESPACES) {
      events.installRenewal(context.io().of(name));
    }
  }
}
