package io.herald.server.ops;

import io.herald.core.server.SocketServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;

/**
 * {@code GET /metrics} in the Prometheus text format: connected clients, limit events (refusals, rate limiting,
 * slow consumers, by kind), and the JVM's memory, GC, threads and CPU.
 */
public final class MetricsRoutes {
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public MetricsRoutes(PrometheusMeterRegistry registry, SocketServer io) {
    this.registry = registry;
    Gauge.builder("herald.connected.clients", io, SocketServer::clientsCount)
        .description("open Engine.IO connections on this node")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  public void mount(Router router) {
    router.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", CONTENT_TYPE).end(registry.scrape()));
  }
}
