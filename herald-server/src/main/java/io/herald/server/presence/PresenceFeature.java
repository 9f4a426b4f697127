package io.herald.server.presence;

import io.herald.core.server.Namespace;
import io.herald.server.feature.Feature;
import io.herald.server.feature.FeatureContext;

/**
 * Who is online (seed 003): {@code user_online}, {@code user_offline} and {@code get_online_users} on {@code /},
 * counted on this node alone or, with Redis, once for the whole cluster ({@link RedisPresence}).
 */
public final class PresenceFeature implements Feature {
  private Presence presence;

  @Override
  public String name() {
    return "presence";
  }

  @Override
  public void install(FeatureContext context) {
    Namespace root = context.io().of("/");
    PresenceAnnouncer announcer = new PresenceAnnouncer(root, context.clock());
    presence = context.cluster()
        .<Presence>map(cluster -> new RedisPresence(context.vertx(), cluster.redis().redis(), cluster.settings(),
            cluster.nodeId(), announcer))
        .orElseGet(() -> new LocalPresence(announcer));
    new PresenceEvents(presence).install(root, context.events());
  }

  @Override
  public void drain() {
    if (presence != null) {
      presence.close();
    }
  }
}
