package io.herald.core.engineio;

import static io.herald.core.engineio.RawEngineClient.error;
import static io.herald.core.engineio.RawEngineClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Engine.IO v4 handshake, request validation, CORS and the request gate, over a real socket. */
class HandshakeProtocolTest {
  private RawEngineServer server;
  private RawEngineClient client;

  private void start(EngineOptions options) throws Exception {
    server = RawEngineServer.start(options);
    client = new RawEngineClient(server.port);
  }

  private static EngineOptions.Builder options() {
    return EngineOptions.builder().pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofMillis(200));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void pollingHandshakeReturnsExactlyTheFiveKeysWithTheConfiguredValuesAndOffersWebsocket() throws Exception {
    start(options().maxPayload(12_345).build());

    HttpResponse<byte[]> response = client.get("EIO=4&transport=polling");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain"));
    String body = text(response);
    assertThat(body).startsWith("0{").doesNotContain("\u001e");
    JsonNode json = RawEngineClient.JSON.readTree(body.substring(1));
    assertThat(fieldNames(json))
        .containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
    assertThat(json.get("sid").isTextual()).isTrue();
    assertThat(json.get("sid").asText()).isNotEmpty();
    assertThat(json.get("upgrades").isArray()).isTrue();
    assertThat(json.get("upgrades")).hasSize(1);
    assertThat(json.get("upgrades").get(0).asText()).isEqualTo("websocket");
    assertThat(json.get("pingInterval").isInt()).isTrue();
    assertThat(json.get("pingInterval").asInt()).isEqualTo(300);
    assertThat(json.get("pingTimeout").asInt()).isEqualTo(200);
    assertThat(json.get("maxPayload").asInt()).isEqualTo(12_345);
  }

  @Test
  void twoHandshakesGetDifferentSessionIds() throws Exception {
    start(options().build());

    String first = client.handshake().sid();
    String second = client.handshake().sid();

    assertThat(first).isNotEqualTo(second);
    assertThat(server.engine.clientsCount()).isEqualTo(2);
  }

  @Test
  void pollingHandshakeOffersNoUpgradeWhenUpgradesAreDisabled() throws Exception {
    start(options().allowUpgrades(false).build());

    JsonNode json = client.handshake().json();

    assertThat(json.get("upgrades").isArray()).isTrue();
    assertThat(json.get("upgrades")).isEmpty();
  }

  @Test
  void websocketHandshakeReturnsTheFiveKeysWithNoUpgrades() throws Exception {
    start(options().build());
    WebSocketClient wsClient = server.vertx.createWebSocketClient();

    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    String open = ws.nextText();

    assertThat(open).startsWith("0{");
    JsonNode json = RawEngineClient.JSON.readTree(open.substring(1));
    assertThat(fieldNames(json))
        .containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
    assertThat(json.get("upgrades").isArray()).isTrue();
    assertThat(json.get("upgrades")).isEmpty();
    assertThat(json.get("pingInterval").asInt()).isEqualTo(300);
    assertThat(json.get("pingTimeout").asInt()).isEqualTo(200);
    assertThat(json.get("maxPayload").asInt()).isEqualTo(1_000_000);
    assertThat(server.connection(json.get("sid").asText()).transportName()).isEqualTo("websocket");
    ws.close();
  }

  private static void assertError(HttpResponse<byte[]> response, int status, int code, String message)
      throws Exception {
    assertThat(response.statusCode()).as("status of %s", text(response)).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    JsonNode json = error(response);
    assertThat(json.get("code").isInt()).isTrue();
    assertThat(json.get("code").asInt()).isEqualTo(code);
    assertThat(json.get("message").asText()).isEqualTo(message);
  }

  @Test
  void missingEioIsRefusedWithCode5() throws Exception {
    start(options().build());
    assertError(client.get("transport=polling"), 400, 5, "Unsupported protocol version");
  }

  @Test
  void eio3IsRefusedWithCode5() throws Exception {
    start(options().build());
    assertError(client.get("EIO=3&transport=polling"), 400, 5, "Unsupported protocol version");
    assertError(client.get("EIO=abc&transport=polling"), 400, 5, "Unsupported protocol version");
  }

  @Test
  void unknownTransportIsRefusedWithCode0() throws Exception {
    start(options().build());
    assertError(client.get("EIO=4&transport=flashsocket"), 400, 0, "Transport unknown");
    assertError(client.get("EIO=4"), 400, 0, "Transport unknown");
  }

  @Test
  void disabledTransportIsRefusedWithCode0() throws Exception {
    start(options().transports(java.util.Set.of(EngineOptions.TransportName.WEBSOCKET)).build());
    assertError(client.get("EIO=4&transport=polling"), 400, 0, "Transport unknown");
  }

  @Test
  void unknownSidIsRefusedWithCode1() throws Exception {
    start(options().build());
    assertError(client.get(RawEngineClient.polling("doesnotexist")), 400, 1, "Session ID unknown");
    assertError(client.post(RawEngineClient.polling("doesnotexist"), "4hello"), 400, 1, "Session ID unknown");
  }

  @Test
  void postHandshakeIsRefusedWithCode2() throws Exception {
    start(options().build());
    assertError(client.post("EIO=4&transport=polling", "4hello"), 400, 2, "Bad handshake method");
    HttpResponse<byte[]> put = RawEngineClient.await(client.send(client.request("EIO=4&transport=polling")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("4hello")).build()));
    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(server.engine.clientsCount()).isZero();
  }

  @Test
  void websocketTransportWithoutUpgradeHeadersIsRefusedWithCode3() throws Exception {
    start(options().build());
    assertError(client.get("EIO=4&transport=websocket"), 400, 3, "Bad request");
    assertThat(server.engine.clientsCount()).isZero();
  }

  @Test
  void websocketHandshakeWithBadEioOrTransportIsRefused() throws Exception {
    start(options().build());
    WebSocketClient wsClient = server.vertx.createWebSocketClient();

    for (String query : List.of("transport=websocket", "EIO=abc&transport=websocket", "EIO=3&transport=websocket",
        "EIO=4", "EIO=4&transport=abc")) {
      CompletableFuture<RawWebSocket> ws = RawWebSocket.connect(wsClient, server.port, query)
          .toCompletionStage().toCompletableFuture();
      try {
        ws.get(5, TimeUnit.SECONDS);
        throw new AssertionError("websocket accepted for " + query);
      } catch (ExecutionException e) {
        assertThat(e.getCause()).as(query).isInstanceOf(UpgradeRejectedException.class);
        assertThat(((UpgradeRejectedException) e.getCause()).getStatus()).as(query).isEqualTo(400);
      }
    }
    assertThat(server.engine.clientsCount()).isZero();
  }

  // ---- CORS -----------------------------------------------------------------------------------------

  @Test
  void corsPreflightFromAnAllowedOriginGets204WithTheOriginAndCredentials() throws Exception {
    start(options().cors(CorsPolicy.of(List.of("https://app.example"), true)).build());

    HttpResponse<byte[]> response = client.options("EIO=4&transport=polling",
        "Origin", "https://app.example",
        "Access-Control-Request-Method", "POST",
        "Access-Control-Request-Headers", "content-type");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example");
    assertThat(response.headers().firstValue("access-control-allow-credentials")).hasValue("true");
    assertThat(response.headers().firstValue("access-control-allow-methods")).hasValueSatisfying(
        methods -> assertThat(methods).contains("GET").contains("POST"));
    assertThat(response.headers().firstValue("access-control-allow-headers")).hasValueSatisfying(
        headers -> assertThat(headers.toLowerCase()).contains("content-type"));
  }

  @Test
  void corsHandshakeFromAnAllowedOriginCarriesTheOriginAndCredentials() throws Exception {
    start(options().cors(CorsPolicy.of(List.of("https://app.example"), true)).build());

    RawEngineClient.Handshake handshake = client.handshake("Origin", "https://app.example");

    assertThat(handshake.response().headers().firstValue("access-control-allow-origin"))
        .hasValue("https://app.example");
    assertThat(handshake.response().headers().firstValue("access-control-allow-credentials")).hasValue("true");
  }

  @Test
  void corsHeadersAreAlsoOnErrorResponsesSoThatTheBrowserCanReadThem() throws Exception {
    start(options().cors(CorsPolicy.of(List.of("https://app.example"), true)).build());

    HttpResponse<byte[]> response = client.get(RawEngineClient.polling("unknown"), "Origin", "https://app.example");

    assertError(response, 400, 1, "Session ID unknown");
    assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example");
    assertThat(response.headers().firstValue("access-control-allow-credentials")).hasValue("true");
  }

  @Test
  void corsRequestFromAnotherOriginIsForbidden() throws Exception {
    start(options().cors(CorsPolicy.of(List.of("https://app.example"), true)).build());

    HttpResponse<byte[]> preflight = client.options("EIO=4&transport=polling",
        "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");
    HttpResponse<byte[]> handshake = client.get("EIO=4&transport=polling", "Origin", "https://evil.example");

    assertThat(preflight.statusCode()).isEqualTo(403);
    assertThat(preflight.headers().firstValue("access-control-allow-origin")).isEmpty();
    assertError(handshake, 403, 4, "Forbidden");
    assertThat(handshake.headers().firstValue("access-control-allow-origin")).isEmpty();
    assertThat(server.engine.clientsCount()).isZero();
  }

  @Test
  void corsAnyOriginAnswersWithAStar() throws Exception {
    start(options().cors(CorsPolicy.anyOrigin()).build());

    HttpResponse<byte[]> preflight = client.options("EIO=4&transport=polling",
        "Origin", "https://whoever.example", "Access-Control-Request-Method", "POST");
    RawEngineClient.Handshake handshake = client.handshake("Origin", "https://whoever.example");

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("*");
    assertThat(preflight.headers().firstValue("access-control-allow-credentials")).isEmpty();
    assertThat(handshake.response().headers().firstValue("access-control-allow-origin")).hasValue("*");
  }

  // ---- request gate ---------------------------------------------------------------------------------

  private static final RequestGate DENY_HEADER =
      request -> Future.succeededFuture(!"1".equals(request.getHeader("x-deny")));

  @Test
  void requestGateRefusesAPollingHandshakeWith403AndLetsOthersThrough() throws Exception {
    start(options().requestGate(DENY_HEADER).build());

    HttpResponse<byte[]> denied = client.get("EIO=4&transport=polling", "x-deny", "1");
    RawEngineClient.Handshake allowed = client.handshake();

    assertError(denied, 403, 4, "Forbidden");
    assertThat(allowed.sid()).isNotEmpty();
    assertThat(server.engine.clientsCount()).isEqualTo(1);
  }

  @Test
  void sessionOpenedThroughAnAsynchronousGateKeepsWorking() throws Exception {
    start(options().pingInterval(Duration.ofSeconds(10)).pingTimeout(Duration.ofSeconds(5))
        .requestGate(request -> Future.succeededFuture(true)).build());

    String sid = client.handshake().sid();
    HttpResponse<byte[]> post = client.postPackets(sid, "4after gate");
    HttpResponse<byte[]> get = client.poll(sid);

    assertThat(text(post)).isEqualTo("ok");
    assertThat(text(get)).isEqualTo("4after gate");
  }

  @Test
  void requestGateAnsweringLaterOnATimerAcceptsPollingAndWebsocketHandshakes() throws Exception {
    io.vertx.core.Vertx[] vertx = new io.vertx.core.Vertx[1];
    start(options().pingInterval(Duration.ofSeconds(10)).pingTimeout(Duration.ofSeconds(5))
        .requestGate(request -> vertx[0].timer(50, TimeUnit.MILLISECONDS).map(v -> true)).build());
    vertx[0] = server.vertx;

    String sid = client.handshake().sid();
    assertThat(text(client.postPackets(sid, "4later"))).isEqualTo("ok");
    assertThat(text(client.poll(sid))).isEqualTo("4later");

    RawWebSocket ws = RawWebSocket.open(server.vertx.createWebSocketClient(), server.port, "EIO=4&transport=websocket");
    assertThat(ws.nextText()).startsWith("0{");
    ws.sendText("4ws later");
    assertThat(ws.nextText()).isEqualTo("4ws later");
    ws.close();
  }

  @Test
  void requestGateCompletedOnAnotherThreadAcceptsPollingAndWebsocketHandshakes() throws Exception {
    // A gate backed by a non-Vert.x client (JDBC pool, HTTP call...) completes on a thread of its own.
    start(options().pingInterval(Duration.ofSeconds(10)).pingTimeout(Duration.ofSeconds(5))
        .requestGate(request -> Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> true,
            CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)))).build());

    String sid = client.handshake().sid();
    assertThat(text(client.postPackets(sid, "4elsewhere"))).isEqualTo("ok");
    assertThat(text(client.poll(sid))).isEqualTo("4elsewhere");

    RawWebSocket ws = RawWebSocket.open(server.vertx.createWebSocketClient(), server.port, "EIO=4&transport=websocket");
    assertThat(ws.nextText()).startsWith("0{");
    ws.sendText("4ws elsewhere");
    assertThat(ws.nextText()).isEqualTo("4ws elsewhere");
    ws.close();
  }

  @Test
  void requestGateFailureRefusesWith403() throws Exception {
    start(options().requestGate(request -> Future.failedFuture("nope")).build());
    assertError(client.get("EIO=4&transport=polling"), 403, 4, "Forbidden");
  }

  @Test
  void requestGateRefusesAWebsocketHandshakeWith403() throws Exception {
    start(options().requestGate(DENY_HEADER).build());
    WebSocketClient wsClient = server.vertx.createWebSocketClient();

    CompletableFuture<RawWebSocket> denied = RawWebSocket
        .connect(wsClient, server.port, "EIO=4&transport=websocket", "x-deny", "1")
        .toCompletionStage().toCompletableFuture();
    RawWebSocket allowed = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");

    try {
      denied.get(5, TimeUnit.SECONDS);
      throw new AssertionError("websocket with x-deny was accepted");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(UpgradeRejectedException.class);
      assertThat(((UpgradeRejectedException) e.getCause()).getStatus()).isEqualTo(403);
    }
    assertThat(allowed.nextText()).startsWith("0{");
    allowed.close();
  }
}
