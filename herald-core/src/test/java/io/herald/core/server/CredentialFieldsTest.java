package io.herald.core.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socket.client.IO;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Credentials named in {@code credentialFields} reach middleware and nothing after it. */
class CredentialFieldsTest {
  private TestServer server;
  private RecordingClient client;

  @AfterEach
  void tearDown() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void middlewareSeesTheTokenButConnectionHandlersDoNot() throws Exception {
    BlockingQueue<Handshake> inMiddleware = new LinkedBlockingQueue<>();
    BlockingQueue<Handshake> inHandler = new LinkedBlockingQueue<>();
    server = TestServer.start(builder -> builder.credentialFields(Set.of("token", "authorization")), (vertx, io) -> {
      io.of("/").use((socket, next) -> {
        inMiddleware.add(socket.handshake());
        next.proceed();
      });
      io.of("/").onConnection(socket -> inHandler.add(socket.handshake()));
    });
    IO.Options options = RecordingClient.options("polling");
    options.auth = Map.of("token", "from-auth", "clientId", "c1");
    options.extraHeaders = Map.of("Authorization", List.of("Bearer from-header"));
    client = RecordingClient.create(server.url() + "/?token=from-query&lang=fr", options);
    client.connectAndAwait();

    Handshake seenByMiddleware = inMiddleware.poll(5, SECONDS);
    assertThat(seenByMiddleware.auth().get("token").asText()).isEqualTo("from-auth");
    assertThat(seenByMiddleware.query().get("token")).isEqualTo("from-query");
    assertThat(seenByMiddleware.headers().get("authorization")).isEqualTo("Bearer from-header");

    Handshake seenByHandler = inHandler.poll(5, SECONDS);
    assertThat(seenByHandler.auth().has("token")).isFalse();
    assertThat(seenByHandler.auth().get("clientId").asText()).isEqualTo("c1");
    assertThat(seenByHandler.query().contains("token")).isFalse();
    assertThat(seenByHandler.query().get("lang")).isEqualTo("fr");
    assertThat(seenByHandler.headers().contains("authorization")).isFalse();
    assertThat(seenByHandler.url()).doesNotContain("from-query").contains("token=[redacted]").contains("lang=fr");
  }

  @Test
  void redactsEveryOccurrenceOfAParameterInAUrl() {
    assertThat(UrlRedaction.redact("/api/ws?token=a.b.c&x=1&TOKEN=d", "token"))
        .isEqualTo("/api/ws?token=[redacted]&x=1&TOKEN=[redacted]");
    assertThat(UrlRedaction.redact("/socket.io/?mytoken=keep", "token")).isEqualTo("/socket.io/?mytoken=keep");
  }

  @Test
  void aHandshakeWithoutTheNamedCredentialsIsKeptAsItIs() {
    Handshake handshake = handshake("/socket.io/?EIO=4&lang=fr", JsonNodeFactory.instance.objectNode().put("user", "u"),
        MultiMap.caseInsensitiveMultiMap().add("Host", "h"));
    assertThat(handshake.withoutCredentials(Set.of("token", "authorization"))).isSameAs(handshake);
  }

  @Test
  void onlyThePartsThatHoldACredentialAreCopied() {
    ObjectNode auth = JsonNodeFactory.instance.objectNode().put("token", "secret").put("user", "u");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Host", "h");
    MultiMap query = MultiMap.caseInsensitiveMultiMap().add("EIO", "4");
    Handshake handshake = handshake("/socket.io/?EIO=4", auth, headers, query);

    Handshake clean = handshake.withoutCredentials(Set.of("token", "authorization"));

    assertThat(clean.auth().has("token")).isFalse();
    assertThat(clean.auth().get("user").asText()).isEqualTo("u");
    assertThat(auth.get("token").asText()).isEqualTo("secret");
    assertThat(clean.headers()).isSameAs(headers);
    assertThat(clean.query()).isSameAs(query);
    assertThat(clean.url()).isEqualTo(handshake.url());
  }

  @Test
  void aCredentialInTheHeadersIsRemovedFromACopyOnly() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Host", "h").add("Authorization", "Bearer x");
    Handshake handshake = handshake("/socket.io/", JsonNodeFactory.instance.objectNode(), headers);

    Handshake clean = handshake.withoutCredentials(Set.of("authorization"));

    assertThat(clean.headers().contains("authorization")).isFalse();
    assertThat(clean.headers().get("host")).isEqualTo("h");
    assertThat(headers.get("authorization")).isEqualTo("Bearer x");
    assertThat(clean.auth()).isSameAs(handshake.auth());
  }

  private static Handshake handshake(String url, ObjectNode auth, MultiMap headers) {
    return handshake(url, auth, headers, MultiMap.caseInsensitiveMultiMap());
  }

  private static Handshake handshake(String url, ObjectNode auth, MultiMap headers, MultiMap query) {
    return new Handshake(headers, query, auth, "127.0.0.1", Instant.EPOCH, url, false, false);
  }
}
