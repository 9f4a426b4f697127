package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A hand-written Engine.IO long-polling client, to send what a real client never would. */
final class RawPollingClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private String sid;

  RawPollingClient(int port) {
    this.base = "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling";
  }

  /** Opens a session; returns the OPEN packet's JSON. */
  JsonNode handshake() throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base)).GET());
    if (response.statusCode() != 200 || !response.body().startsWith("0{")) {
      throw new AssertionError("bad handshake: " + response.statusCode() + " " + response.body());
    }
    JsonNode open = JSON.readTree(response.body().substring(1));
    sid = open.get("sid").asText();
    return open;
  }

  String sid() {
    return sid;
  }

  /** One long-polling GET; waits until the server has something to send (at most 10 s). */
  HttpResponse<String> poll() throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + "&sid=" + sid)).GET());
  }

  /** Sends a payload (packets separated by 0x1e) with a POST. */
  HttpResponse<String> post(String payload) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + "&sid=" + sid))
        .header("Content-Type", "text/plain;charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
