package io.herald.server.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.server.app.Gateway;
import io.herald.server.app.GatewayConfig;
import io.herald.server.ops.OpsFeature;
import io.herald.server.session.SessionFeature;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the gateway runs a list of {@link Feature}s: the order of each step, what they share, and failures. */
class FeatureContractTest {
  @TempDir
  Path dataDir;

  private final List<String> steps = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void configuresEveryFeatureBeforeInstallingAnyAndShutsThemDownInReverse() {
    try (Gateway gateway = Gateway.start(config(), List.of(new RecordingFeature("a"), new RecordingFeature("b")))) {
      assertThat(steps).containsExactly("configure a", "configure b", "install a", "install b");
      steps.clear();
    }
    assertThat(steps).containsExactly("drain b", "drain a", "close b", "close a");
  }

  @Test
  void servesTheRoutesAndHealthDetailsFeaturesAdd() throws Exception {
    Feature notes = new RecordingFeature("notes") {
      @Override
      public void install(FeatureContext context) {
        context.router().get("/notes").handler(ctx -> ctx.response().end("three notes"));
        context.health().connections("notes", () -> 3);
        context.health().detail("notes", () -> new JsonObject().put("status", "fine"));
      }
    };
    try (Gateway gateway = Gateway.start(config(), List.of(new OpsFeature(), notes))) {
      assertThat(get(gateway, "/notes").body()).isEqualTo("three notes");
      JsonObject details = new JsonObject(get(gateway, "/health").body()).getJsonObject("details");
      assertThat(details.getJsonObject("notes").getString("status")).isEqualTo("fine");
      JsonObject websocket = details.getJsonObject("websocket");
      assertThat(websocket.getInteger("connectedClients")).isEqualTo(3);
      assertThat(websocket.getJsonObject("connections").getMap()).containsEntry("notes", 3).containsEntry("socketIo", 0);
      assertThat(get(gateway, "/auth/me").statusCode()).as("no identity feature, no auth routes").isEqualTo(404);
    }
  }

  @Test
  void passesServicesFromOneFeatureToTheFeaturesAfterIt() {
    Feature provider = new RecordingFeature("provider") {
      @Override
      public void install(FeatureContext context) {
        context.provide(StringBuilder.class, new StringBuilder("shared"));
      }
    };
    Feature user = new RecordingFeature("user") {
      @Override
      public void install(FeatureContext context) {
        steps.add("found " + context.require(StringBuilder.class));
      }
    };
    try (Gateway gateway = Gateway.start(config(), List.of(provider, user))) {
      assertThat(steps).contains("found shared");
    }
  }

  @Test
  void refusesToStartWhenAFeatureNeedsAServiceThatNoEarlierFeatureProvides() {
    RecordingFeature later = new RecordingFeature("later");
    assertThatThrownBy(() -> Gateway.start(config(), List.of(new SessionFeature(), later)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no AuthServices")
        .hasMessageContaining("listed before");
    assertThat(steps).as("what was configured is closed again").contains("close later");
  }

  private GatewayConfig config() {
    return GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withEventLoops(1).withDataDir(dataDir);
  }

  private HttpResponse<String> get(Gateway gateway, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A feature that writes down each call it gets. */
  private class RecordingFeature implements Feature {
    private final String name;

    RecordingFeature(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void configure(ServerSetup setup) {
      steps.add("configure " + name);
    }

    @Override
    public void install(FeatureContext context) {
      steps.add("install " + name);
    }

    @Override
    public void drain() {
      steps.add("drain " + name);
    }

    @Override
    public void close() {
      steps.add("close " + name);
    }
  }
}
