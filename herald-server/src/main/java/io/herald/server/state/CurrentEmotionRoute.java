package io.herald.server.state;

import io.herald.server.auth.AuthFailure;
import io.herald.server.auth.AuthServices;
import io.herald.server.auth.TokenCarriers;
import io.herald.server.http.HttpErrors;
import io.herald.server.http.HttpException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/emotions/me} with {@code Authorization: Bearer}: the caller's current emotion as
 * {@code {"user_id", "emotion", "timestamp"}}, 404 {@code not_found} before the first, 401 with the
 * {@code AuthFailure} code for a missing or bad token.
 */
final class CurrentEmotionRoute {
  static final String PATH = "/api/emotions/me";

  private final AuthServices services;
  private final EmotionRepository emotions;

  CurrentEmotionRoute(AuthServices services, EmotionRepository emotions) {
    this.services = services;
    this.emotions = emotions;
  }

  void mount(Router router) {
    router.get(PATH).handler(this::current);
  }

  private void current(RoutingContext ctx) {
    String token = TokenCarriers.bearer(ctx.request().getHeader("authorization"));
    services.blocking().run(() -> {
      String userId;
      try {
        userId = services.authenticator().authenticate(token).userId();
      } catch (AuthFailure failure) {
        throw new HttpException(401, failure.code().name(), failure.getMessage());
      }
      return emotions.find(userId).orElseThrow(() ->
          new HttpException(404, "not_found", "user " + userId + " has not set an emotion yet"));
    }).onComplete(done -> {
      if (done.succeeded()) {
        String body = WsMessages.currentEmotion(done.result()).toString();
        ctx.response().putHeader("content-type", "application/json").end(body);
      } else if (done.cause() instanceof HttpException e) {
        HttpErrors.send(ctx, e.status(), e.error(), e.getMessage());
      } else {
        ctx.fail(500, done.cause());
      }
    });
  }
}
