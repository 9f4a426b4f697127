package io.herald.server.presence;

/** The presence contract on one node alone. */
class LocalPresenceTest extends PresenceContract {
  @Override
  Presence presence(Presence.Transitions transitions) {
    return new LocalPresence(transitions);
  }
}
