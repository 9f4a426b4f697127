package io.herald.server.auth;

import io.herald.server.events.DomainEvents;
import io.herald.server.storage.Blocking;
import io.vertx.core.Vertx;
import java.time.Clock;

/** What the identity features share: storage, tokens, limits and the domain event bus. */
public record AuthServices(
    Vertx vertx,
    Blocking blocking,
    UserRepository users,
    PasswordHasher hasher,
    TokenService tokens,
    Authenticator authenticator,
    RateLimits limits,
    DomainEvents events,
    Clock clock) {}
