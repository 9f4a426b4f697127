package io.herald.core.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.HttpUtils;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compact header and query maps an {@link EngineRequest} keeps for as long as its session lives. */
class EngineRequestTest {
  private static MultiMap headers() {
    return EngineRequest.Fields.copyOf(MultiMap.caseInsensitiveMultiMap()
        .add("Host", "localhost:3000").add("Accept", "a").add("X-Trace", "1").add("accept", "b"));
  }

  @Test
  void headersAreReadWithoutRegardToCase() {
    MultiMap headers = headers();
    assertThat(headers.get("host")).isEqualTo("localhost:3000");
    assertThat(headers.get("HOST")).isEqualTo("localhost:3000");
    assertThat(headers.getAll("ACCEPT")).containsExactly("a", "b");
    assertThat(headers.contains("x-trace")).isTrue();
    assertThat(headers.contains("x-missing")).isFalse();
    assertThat(headers.get("x-missing")).isNull();
    assertThat(headers.getAll("x-missing")).isEmpty();
    assertThat(headers.contains("accept", "B", true)).isTrue();
  }

  @Test
  void headersIterateInTheOrderSentAndCountNamesAsVertxDoes() {
    MultiMap headers = headers();
    assertThat(headers.entries()).containsExactly(entry("Host", "localhost:3000"), entry("Accept", "a"),
        entry("X-Trace", "1"), entry("accept", "b"));
    assertThat(headers.names()).containsExactly("Accept", "Host", "X-Trace");
    assertThat(headers.size()).isEqualTo(MultiMap.caseInsensitiveMultiMap().addAll(headers).size()).isEqualTo(3);
    assertThat(headers.isEmpty()).isFalse();
  }

  @Test
  void aChangedMapKeepsItsChangesToItself() {
    MultiMap headers = headers();
    MultiMap copy = headers.copy();
    copy.remove("ACCEPT").add("X-New", "n").set("host", "other");

    assertThat(copy.getAll("accept")).isEmpty();
    assertThat(copy.get("x-new")).isEqualTo("n");
    assertThat(copy.get("Host")).isEqualTo("other");
    assertThat(headers.getAll("accept")).containsExactly("a", "b");
    assertThat(headers.contains("x-new")).isFalse();
    assertThat(headers.get("host")).isEqualTo("localhost:3000");

    copy.clear();
    assertThat(copy.isEmpty()).isTrue();
    assertThat(headers.isEmpty()).isFalse();
  }

  @Test
  void theQueryIsDecodedAsVertxDecodesRequestParameters() {
    String url = "/socket.io/?EIO=4&transport=websocket&name=J%C3%BCrgen+K&a=1&b=&a=2&flag&A=3&x=1;y=2";
    MultiMap query = EngineRequest.Fields.queryOf(url);
    MultiMap vertx = HttpUtils.params(url, StandardCharsets.UTF_8, false);

    assertThat(query.entries()).isEqualTo(vertx.entries());
    assertThat(query.get("name")).isEqualTo("Jürgen K");
    assertThat(query.getAll("a")).containsExactly("1", "2", "3");
    assertThat(query.get("b")).isEmpty();
    assertThat(query.get("flag")).isEmpty();
    assertThat(query.get("transport")).isEqualTo("websocket");
    assertThat(query.names()).isEqualTo(vertx.names());
  }

  @Test
  void aUrlWithoutQueryHasNoParameters() {
    assertThat(EngineRequest.Fields.queryOf("/socket.io/").isEmpty()).isTrue();
    assertThat(EngineRequest.Fields.queryOf("/socket.io/?").entries()).isEmpty();
  }

  @Test
  void aChangedQueryKeepsItsChangesAndItsCopiesDoNotSeeThem() {
    MultiMap query = EngineRequest.Fields.queryOf("/socket.io/?token=secret&lang=fr");
    MultiMap copy = query.copy();
    query.remove("token");
    query.add("room", "lobby");

    assertThat(query.entries()).containsExactly(entry("lang", "fr"), entry("room", "lobby"));
    assertThat(copy.entries()).containsExactly(entry("token", "secret"), entry("lang", "fr"));
  }

  @Test
  void anUnchangedMapPrintsAndCopiesLikeAVertxMap() {
    MultiMap headers = headers();
    MultiMap vertx = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    assertThat(headers.toString()).isEqualTo(vertx.toString());
    MultiMap readOnly = headers.copy(false);
    assertThat(readOnly.isMutable()).isFalse();
    assertThat(headers.entries()).isEqualTo(readOnly.entries());
    assertThat(MultiMap.caseInsensitiveMultiMap().setAll(Map.of("k", "v")).addAll(headers).getAll("accept"))
        .isEqualTo(List.of("a", "b"));
  }
}
