package io.herald.server.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads and checks JSON request bodies. */
public final class JsonBodies {
  private JsonBodies() {}

  /** The body as a JSON object; 400 if it is missing or not an object. */
  public static JsonObject object(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw new HttpException(400, "validation_failed", "request body must be a JSON object");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw new HttpException(400, "validation_failed", "request body is not valid JSON");
    }
  }

  /** A required string field, trimmed; 400 if absent, not a string, or longer than {@code maxLength}. */
  public static String requiredString(JsonObject body, String field, int maxLength) {
    Object value = body.getValue(field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new HttpException(400, "validation_failed", field + " is required");
    }
    if (text.length() > maxLength) {
      throw new HttpException(400, "validation_failed", field + " is longer than " + maxLength + " characters");
    }
    return text;
  }
}
