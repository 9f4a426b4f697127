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
  private final HeaderDeadline headerDeadline;
  private volatile HttpServer server;

  HttpVerticle(HttpServerOptions options, Handler<HttpServerRequest> handler, HeaderDeadline headerDeadline) {
    this.options = options;
    this.handler = handler;
    this.headerDeadline = headerDeadline;
  }

  @Override
  public Future<?> start() {
    HeaderDeadline.Tracker deadlines = headerDeadline.tracker(vertx);
    return vertx.createHttpServer(options)
        .connectionHandler(deadlines::watch)
        .requestHandler(request -> {
          deadlines.headersReceived(request);
          handler.handle(request);
        })
        .listen()
        .onSuccess(s -> server = s);
  }

  int actualPort() {
    return server.actualPort();
  }
}
