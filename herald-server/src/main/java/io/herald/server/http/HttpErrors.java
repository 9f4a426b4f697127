package io.herald.server.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON error responses: {@code {"error": code, "message": text}} with the right status. */
public final class HttpErrors {
  private HttpErrors() {}

  /** Answers with the exception's status and error, and its {@code Retry-After} when it has one. */
  public static void send(RoutingContext ctx, HttpException e) {
    if (e.retryAfterSeconds() >= 0 && !ctx.response().ended()) {
      ctx.response().putHeader("retry-after", Long.toString(e.retryAfterSeconds()));
    }
    send(ctx, e.status(), e.error(), e.getMessage());
  }

  public static void send(RoutingContext ctx, int status, String error, String message) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", error).put("message", message).encode());
  }

  /** Handles failures that reached the router: a JSON error instead of an HTML page. */
  public static void failureHandler(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (ctx.failure() instanceof HttpException e) {
      send(ctx, e);
      return;
    }
    String error = switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      default -> status >= 500 ? "internal_error" : "error";
    };
    String message = status >= 500 ? "internal server error" : error.replace('_', ' ');
    if (status >= 500 && ctx.failure() != null) {
      org.slf4j.LoggerFactory.getLogger(HttpErrors.class).error("{} {} failed", ctx.request().method(),
          ctx.request().path(), ctx.failure());
    }
    send(ctx, status, error, message);
  }
}
