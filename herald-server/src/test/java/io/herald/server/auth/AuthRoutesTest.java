package io.herald.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.testing.IdentityGateway;
import io.herald.server.testing.IdentityGateway.RegisteredUser;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API of users and tokens, over real HTTP against a running gateway. */
class AuthRoutesTest {
  private static IdentityGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = IdentityGateway.start();
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
  }

  @Test
  void registerReturnsATokenItsExpiryAndTheUser() throws Exception {
    HttpResponse<String> response = gateway.post("/auth/register",
        "{\"email\":\"Reg.One@Example.com\",\"password\":\"long enough secret\"}", null);

    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("token")).contains(".");
    assertThat(Instant.parse(body.getString("expiresAt"))).isAfter(Instant.now().plusSeconds(3000));
    assertThat(body.getJsonObject("user").getString("email")).isEqualTo("reg.one@example.com");
    assertThat(body.getJsonObject("user").getJsonArray("roles").getList()).containsExactly("user");
    JsonObject claims = claims(body.getString("token"));
    assertThat(claims.getString("sub")).isEqualTo(body.getJsonObject("user").getString("id"));
    assertThat(claims.getString("email")).isEqualTo("reg.one@example.com");
    assertThat(claims.getJsonArray("roles").getList()).containsExactly("user");
    assertThat(claims.getInteger("tokenVersion")).isZero();
  }

  @Test
  void registeringATakenEmailIsAConflict() throws Exception {
    gateway.register("taken@example.com", "long enough secret");
    HttpResponse<String> again = gateway.post("/auth/register",
        "{\"email\":\"TAKEN@example.com\",\"password\":\"another long secret\"}", null);

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(again.body()).getString("error")).isEqualTo("email_taken");
  }

  @Test
  void badRegistrationsAreRefusedWithClearJsonErrors() throws Exception {
    assertError(gateway.post("/auth/register", "{\"email\":\"not-an-email\",\"password\":\"long enough secret\"}", null),
        400, "validation_failed", "email");
    assertError(gateway.post("/auth/register", "{\"email\":\"short@example.com\",\"password\":\"short\"}", null),
        400, "validation_failed", "at least 8");
    assertError(gateway.post("/auth/register", "{\"email\":\"nopass@example.com\"}", null),
        400, "validation_failed", "password is required");
    assertError(gateway.post("/auth/register", "this is not json", null), 400, "validation_failed", "JSON");
    assertError(gateway.post("/auth/register", "[1,2]", null), 400, "validation_failed", "JSON");
  }

  @Test
  void loginWithTheRightPasswordReturnsAWorkingToken() throws Exception {
    RegisteredUser user = gateway.register("login@example.com", "correct horse battery");
    HttpResponse<String> login = gateway.post("/auth/login",
        "{\"email\":\"login@example.com\",\"password\":\"correct horse battery\"}", null);

    assertThat(login.statusCode()).isEqualTo(200);
    String token = new JsonObject(login.body()).getString("token");
    HttpResponse<String> me = gateway.get("/auth/me", token);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(me.body()).getJsonObject("user").getString("id")).isEqualTo(user.id());
  }

  @Test
  void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() throws Exception {
    gateway.register("wrongpw@example.com", "correct horse battery");
    HttpResponse<String> wrong = gateway.post("/auth/login",
        "{\"email\":\"wrongpw@example.com\",\"password\":\"incorrect horse\"}", null);
    HttpResponse<String> unknown = gateway.post("/auth/login",
        "{\"email\":\"nobody@example.com\",\"password\":\"incorrect horse\"}", null);

    assertError(wrong, 401, "invalid_credentials", "wrong");
    assertThat(unknown.body()).isEqualTo(wrong.body());
    assertThat(unknown.statusCode()).isEqualTo(401);
  }

  @Test
  void meWithoutOrWithABadTokenIsUnauthorizedWithTheCode() throws Exception {
    assertError(gateway.get("/auth/me", null), 401, "TOKEN_MISSING", "token");
    assertError(gateway.get("/auth/me", "not.a.jwt"), 401, "TOKEN_INVALID", "");
    String expired = gateway.signToken(java.util.Map.of("sub", "x", "tokenVersion", 0,
        "iat", Instant.now().minusSeconds(7200).getEpochSecond(), "exp", Instant.now().minusSeconds(3600).getEpochSecond()));
    assertError(gateway.get("/auth/me", expired), 401, "TOKEN_EXPIRED", "expired");
    String unknownUser = gateway.signToken(java.util.Map.of("sub", "no-such-user", "tokenVersion", 0,
        "exp", Instant.now().plusSeconds(600).getEpochSecond()));
    assertError(gateway.get("/auth/me", unknownUser), 401, "USER_UNKNOWN", "does not exist");
  }

  @Test
  void refreshGivesANewTokenThatWorks() throws Exception {
    RegisteredUser user = gateway.register("refresh@example.com", "correct horse battery");
    HttpResponse<String> refreshed = gateway.post("/auth/refresh", "", user.token());

    assertThat(refreshed.statusCode()).isEqualTo(200);
    String token = new JsonObject(refreshed.body()).getString("token");
    assertThat(gateway.get("/auth/me", token).statusCode()).isEqualTo(200);
  }

  @Test
  void logoutRevokesEveryTokenIssuedBefore() throws Exception {
    RegisteredUser user = gateway.register("logout@example.com", "correct horse battery");
    HttpResponse<String> second = gateway.post("/auth/login",
        "{\"email\":\"logout@example.com\",\"password\":\"correct horse battery\"}", null);
    String otherDevice = new JsonObject(second.body()).getString("token");

    gateway.logout(user.token());

    assertError(gateway.get("/auth/me", user.token()), 401, "TOKEN_REVOKED", "revoked");
    assertError(gateway.get("/auth/me", otherDevice), 401, "TOKEN_REVOKED", "revoked");
    HttpResponse<String> again = gateway.post("/auth/login",
        "{\"email\":\"logout@example.com\",\"password\":\"correct horse battery\"}", null);
    String fresh = new JsonObject(again.body()).getString("token");
    assertThat(claims(fresh).getInteger("tokenVersion")).isEqualTo(1);
    assertThat(gateway.get("/auth/me", fresh).statusCode()).isEqualTo(200);
  }

  @Test
  void repeatedFailedLoginsForOneAccountAreRateLimited() throws Exception {
    gateway.register("limited@example.com", "correct horse battery");
    HttpResponse<String> last = null;
    for (int i = 0; i < 20 && (last == null || last.statusCode() != 429); i++) {
      last = gateway.post("/auth/login", "{\"email\":\"limited@example.com\",\"password\":\"guess " + i + "\"}", null);
    }

    assertError(last, 429, "rate_limited", "retry in");
    assertThat(last.headers().firstValue("retry-after")).isPresent();
  }

  private static void assertError(HttpResponse<String> response, int status, String error, String messagePart) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("error")).isEqualTo(error);
    assertThat(body.getString("message")).contains(messagePart);
  }

  private static JsonObject claims(String token) {
    String payload = token.split("\\.")[1];
    return new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }
}
