package io.herald.core.engineio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A plain HTTP long-polling client over {@link HttpClient}: it sends exactly the requests a test asks for. */
final class RawEngineClient implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final ObjectMapper JSON = new ObjectMapper();
  static final char SEPARATOR = '\u001e';

  private final int port;
  private final HttpClient http;

  RawEngineClient(int port) {
    this.port = port;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .build();
  }

  /** The session opened by a polling handshake. */
  record Handshake(String sid, JsonNode json, HttpResponse<byte[]> response) {}

  URI uri(String query) {
    return URI.create("http://127.0.0.1:" + port + "/engine.io/" + (query.isEmpty() ? "" : "?" + query));
  }

  static String polling(String sid) {
    return "EIO=4&transport=polling&sid=" + sid;
  }

  HttpRequest.Builder request(String query, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(query)).timeout(TIMEOUT);
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  CompletableFuture<HttpResponse<byte[]>> send(HttpRequest request) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  CompletableFuture<HttpResponse<byte[]>> getAsync(String query, String... headers) {
    return send(request(query, headers).GET().build());
  }

  HttpResponse<byte[]> get(String query, String... headers) throws Exception {
    return await(getAsync(query, headers));
  }

  HttpResponse<byte[]> post(String query, byte[] body, String... headers) throws Exception {
    return await(send(request(query, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
  }

  HttpResponse<byte[]> post(String query, String body, String... headers) throws Exception {
    return post(query, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  HttpResponse<byte[]> options(String query, String... headers) throws Exception {
    return await(send(request(query, headers).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build()));
  }

  /** A polling handshake; fails unless the server answers 200 with an open packet. */
  Handshake handshake(String... headers) throws Exception {
    HttpResponse<byte[]> response = get("EIO=4&transport=polling", headers);
    String body = text(response);
    if (response.statusCode() != 200 || !body.startsWith("0")) {
      throw new AssertionError("handshake failed: " + response.statusCode() + " " + body);
    }
    JsonNode json = JSON.readTree(body.substring(1));
    return new Handshake(json.get("sid").asText(), json, response);
  }

  /** A long-polling GET for the session, waiting for its answer. */
  HttpResponse<byte[]> poll(String sid) throws Exception {
    return get(polling(sid));
  }

  CompletableFuture<HttpResponse<byte[]>> pollAsync(String sid) {
    return getAsync(polling(sid));
  }

  /** POSTs the packets (already encoded, binary ones as b+base64) as one payload. */
  HttpResponse<byte[]> postPackets(String sid, String... packets) throws Exception {
    return post(polling(sid), String.join(String.valueOf(SEPARATOR), packets));
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** The packets of a polling payload. */
  static List<String> packets(HttpResponse<byte[]> response) {
    String body = text(response);
    return body.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(body.split(String.valueOf(SEPARATOR), -1)));
  }

  /** The JSON body of an error response. */
  static JsonNode error(HttpResponse<byte[]> response) throws IOException {
    return JSON.readTree(response.body());
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
