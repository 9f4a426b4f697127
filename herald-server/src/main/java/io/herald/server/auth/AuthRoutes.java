package io.herald.server.auth;

import io.herald.server.http.HttpErrors;
import io.herald.server.http.HttpException;
import io.herald.server.http.JsonBodies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /auth/register}, {@code /auth/login}, {@code /auth/refresh}, {@code /auth/logout} and {@code /auth/me}.
 * Password hashing and storage run on virtual threads; every error is JSON {@code {error, message}}.
 */
public final class AuthRoutes {
  private static final Logger log = LoggerFactory.getLogger(AuthRoutes.class);
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
  private static final int MIN_PASSWORD = 8;
  private static final int MAX_PASSWORD = 128;
  private static final int MAX_EMAIL = 320;

  private final AuthServices services;
  private final String dummyHash;

  public AuthRoutes(AuthServices services) {
    this.services = services;
    this.dummyHash = services.hasher().hash("timing-equaliser-" + System.nanoTime());
  }

  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(16 * 1024);
    router.post("/auth/register").handler(body).handler(this::register);
    router.post("/auth/login").handler(body).handler(this::login);
    router.post("/auth/refresh").handler(this::refresh);
    router.post("/auth/logout").handler(this::logout);
    router.get("/auth/me").handler(this::me);
  }

  private void register(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String email = email(body);
    String password = password(body);
    limit(services.limits().loginPerIp(), ip(ctx), "too many attempts from this address");
    respond(ctx, 201, services.blocking().run(() -> {
      User user = services.users().create(email, services.hasher().hash(password), Set.of(User.ROLE_USER));
      log.info("user {} registered", user.id());
      return session(user);
    }));
  }

  private void login(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String email = email(body);
    String password = JsonBodies.requiredString(body, "password", MAX_PASSWORD);
    limit(services.limits().loginPerIp(), ip(ctx), "too many login attempts from this address");
    limit(services.limits().loginPerAccount(), email, "too many login attempts for this account");
    respond(ctx, 200, services.blocking().run(() -> {
      User user = services.users().findByEmail(email).orElse(null);
      String hash = user == null ? null : services.users().passwordHash(user.id()).orElse(null);
      boolean valid = services.hasher().matches(password, hash != null ? hash : dummyHash) && hash != null;
      if (!valid || user.disabled()) {
        throw new HttpException(401, "invalid_credentials", "e-mail or password is wrong");
      }
      return session(user);
    }));
  }

  private void refresh(RoutingContext ctx) {
    String token = TokenCarriers.bearer(ctx.request().getHeader("authorization"));
    respond(ctx, 200, services.blocking().run(() -> {
      Identity identity = authenticate(token);
      if (identity.external()) {
        throw new HttpException(400, "external_token", "tokens of an external identity provider are refreshed there");
      }
      User user = services.users().findById(identity.userId()).orElseThrow();
      return session(user);
    }));
  }

  private void logout(RoutingContext ctx) {
    String token = TokenCarriers.bearer(ctx.request().getHeader("authorization"));
    respond(ctx, 200, services.blocking().run(() -> {
      Identity identity = authenticate(token);
      if (identity.external()) {
        throw new HttpException(400, "external_token",
            "tokens of an external identity provider are revoked there, not by Herald");
      }
      services.users().bumpTokenVersion(identity.userId());
      return identity;
    }).map(identity -> {
      services.events().publish(new UserRevoked(identity.userId(), "logged out"));
      return new JsonObject().put("success", true).put("message", "Logged out: every token issued before now is revoked");
    }));
  }

  private void me(RoutingContext ctx) {
    String token = TokenCarriers.bearer(ctx.request().getHeader("authorization"));
    respond(ctx, 200, services.blocking().run(() -> {
      Identity identity = authenticate(token);
      return new JsonObject().put("user", json(services.users().findById(identity.userId()).orElseThrow()));
    }));
  }

  private Identity authenticate(String token) {
    try {
      return services.authenticator().authenticate(token);
    } catch (AuthFailure failure) {
      throw new HttpException(401, failure.code().name(), failure.getMessage());
    }
  }

  private JsonObject session(User user) {
    IssuedToken issued = services.tokens().issue(user);
    long expiresIn = Duration.between(services.clock().instant(), issued.expiresAt()).toSeconds();
    return new JsonObject()
        .put("token", issued.token())
        .put("tokenType", "Bearer")
        .put("expiresAt", issued.expiresAt().toString())
        .put("expiresIn", expiresIn)
        .put("user", json(user));
  }

  static JsonObject json(User user) {
    return new JsonObject()
        .put("id", user.id())
        .put("email", user.email())
        .put("roles", new JsonArray(user.roles().stream().sorted().toList()))
        .put("createdAt", user.createdAt().toString());
  }

  private void respond(RoutingContext ctx, int status, Future<JsonObject> result) {
    result.onComplete(done -> {
      if (done.succeeded()) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(done.result().encode());
      } else if (done.cause() instanceof HttpException e) {
        HttpErrors.send(ctx, e);
      } else if (done.cause() instanceof UserRepository.DuplicateEmailException) {
        HttpErrors.send(ctx, 409, "email_taken", "a user with this e-mail address exists");
      } else {
        ctx.fail(500, done.cause());
      }
    });
  }

  private static String email(JsonObject body) {
    String email = JsonBodies.requiredString(body, "email", MAX_EMAIL).trim().toLowerCase(Locale.ROOT);
    if (!EMAIL.matcher(email).matches()) {
      throw new HttpException(400, "validation_failed", "email is not a valid e-mail address");
    }
    return email;
  }

  static String password(JsonObject body) {
    String password = JsonBodies.requiredString(body, "password", MAX_PASSWORD);
    if (password.length() < MIN_PASSWORD) {
      throw new HttpException(400, "validation_failed", "password must have at least " + MIN_PASSWORD + " characters");
    }
    return password;
  }

  private void limit(RateLimiter limiter, String key, String message) {
    if (!limiter.tryAcquire(key)) {
      long seconds = Math.max(1, (limiter.retryAfter(key).toMillis() + 999) / 1000);
      throw new HttpException(429, "rate_limited", message + "; retry in " + seconds + " s", seconds);
    }
  }

  private static String ip(RoutingContext ctx) {
    return ConnectionCheck.addressKey(ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress());
  }
}
