package io.herald.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The gateway's {@code /auth} REST API, as a client of a gateway running elsewhere sees it. */
public final class AuthApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A registered user and the token it got. */
  public record Account(String id, String email, String password, String token) {}

  /** An answer: status and parsed JSON body. */
  public record Answer(int status, JsonNode body) {}

  public AuthApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Registers {@code count} users {@code <prefix>-<i>@example.test} in parallel. */
  public List<Account> registerAll(String prefix, int count) throws Exception {
    try (var executor = Executors.newFixedThreadPool(Math.min(count, 8))) {
      List<Future<Account>> pending = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String email = prefix + "-" + i + "@example.test";
        pending.add(executor.submit(() -> register(email, "correct horse " + email)));
      }
      List<Account> accounts = new ArrayList<>();
      for (Future<Account> account : pending) {
        accounts.add(account.get());
      }
      return accounts;
    }
  }

  public Account register(String email, String password) throws IOException, InterruptedException {
    Answer answer = post("/auth/register", Map.of("email", email, "password", password));
    if (answer.status() != 201) {
      throw new IllegalStateException("register " + email + ": HTTP " + answer.status() + " " + answer.body());
    }
    return new Account(answer.body().path("user").path("id").asText(), email, password,
        answer.body().path("token").asText());
  }

  public Answer login(String email, String password) throws IOException, InterruptedException {
    return post("/auth/login", Map.of("email", email, "password", password));
  }

  public Answer me(String token) throws IOException, InterruptedException {
    return send(request("/auth/me").header("authorization", "Bearer " + token).GET().build());
  }

  private Answer post(String path, Map<String, String> body) throws IOException, InterruptedException {
    return send(request(path).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    String body = response.body();
    return new Answer(response.statusCode(), body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body));
  }
}
