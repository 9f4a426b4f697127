package io.herald.server.app;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/** One HTTP server on one event loop; several instances share the port. */
final class HttpVerticle extends VerticleBase {
  private final HttpServerOptions options;
  private final Handler<HttpServerRequest> handler;
  private volatile HttpServer server;

  HttpVerticle(HttpServerOptions options, Handler<HttpServerRequest> handler) {
    this.options = options;
    this.handler = handler;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(options).requestHandler(handler).listen().onSuccess(s -> server = s);
  }

  int actualPort() {
    return server.actualPort();
  }
}
