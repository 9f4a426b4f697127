package io.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.server.testing.IdentityGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HERALD_CORS_ORIGINS opens the Socket.IO endpoint and the REST API to the listed browser origins only. */
class CorsTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void listedOriginsMayCallTheRestApiAndPollOthersMayNot() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start(Map.of("HERALD_CORS_ORIGINS", "https://app.example"))) {
      HttpResponse<String> preflight = send(gateway, "OPTIONS", "/auth/login", "https://app.example");
      assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example");

      HttpResponse<String> handshake = send(gateway, "GET", "/socket.io/?EIO=4&transport=polling", "https://app.example");
      assertThat(handshake.statusCode()).isEqualTo(200);
      assertThat(handshake.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example");
      assertThat(handshake.headers().firstValue("access-control-allow-credentials")).hasValue("true");

      HttpResponse<String> stranger = send(gateway, "GET", "/socket.io/?EIO=4&transport=polling", "https://evil.example");
      assertThat(stranger.statusCode()).isEqualTo(403);
    }
  }

  @Test
  void withoutTheSettingNoCorsHeadersAreSent() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start()) {
      HttpResponse<String> handshake = send(gateway, "GET", "/socket.io/?EIO=4&transport=polling", "https://app.example");
      assertThat(handshake.headers().firstValue("access-control-allow-origin")).isEmpty();
    }
  }

  @Test
  void refusesAnOriginThatIsNotAnOrigin() {
    assertThatThrownBy(() -> CorsSettings.fromEnv(Map.of("HERALD_CORS_ORIGINS", "app.example/path")))
        .hasMessageContaining("HERALD_CORS_ORIGINS: app.example/path");
  }

  private HttpResponse<String> send(IdentityGateway gateway, String method, String path, String origin) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
