package io.herald.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.herald.server.auth.JdbcUserRepository;
import io.herald.server.auth.User;
import io.herald.server.auth.UserRepository;
import io.herald.server.auth.UserRepository.DuplicateEmailException;
import io.herald.server.state.EmotionRepository;
import io.herald.server.state.EmotionRepository.Emotion;
import io.herald.server.state.JdbcEmotionRepository;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC repositories and the migrations promise, on any database Herald supports. Each subclass opens one
 * fresh database for its tests; the tables are emptied before each test.
 */
abstract class StorageContract {
  private static final Set<String> USER = Set.of(User.ROLE_USER);

  private UserRepository users;
  private EmotionRepository emotions;

  /** The database the tests use, opened (and so migrated) from scratch before the first test. */
  abstract Database database();

  /** How to open {@link #database()} again. */
  abstract StorageSettings settings();

  @BeforeEach
  void emptyTables() throws SQLException {
    execute("delete from user_emotions");
    execute("delete from users");
    users = new JdbcUserRepository(database().dataSource());
    emotions = new JdbcEmotionRepository(database().dataSource());
  }

  // Migrations

  @Test
  void appliesEveryMigrationOnce() throws SQLException {
    assertThat(appliedMigrations()).containsExactly("1", "2");
  }

  @Test
  void reopeningMigratedDatabaseKeepsSchemaAndData() throws SQLException {
    User user = users.create("keep@example.com", null, USER);

    try (Database again = Database.open(settings())) {
      assertThat(new JdbcUserRepository(again.dataSource()).findById(user.id())).contains(user);
    }
    assertThat(appliedMigrations()).containsExactly("1", "2");
  }

  @Test
  void migratesAFeaturesOwnTablesWithAHistoryOfTheirOwn() throws SQLException {
    database().migrate("contract");
    database().migrate("contract"); // every start migrates again: nothing left to do

    execute("insert into contract_notes (id, body, author) values ('n1', 'hello', 'ann')");
    assertThat(appliedMigrations("flyway_history_contract")).containsExactly("0", "1", "2");
    assertThat(appliedMigrations()).containsExactly("1", "2");
    execute("drop table contract_notes");
    execute("drop table flyway_history_contract");
  }

  @Test
  void refusesAFeatureNameThatIsNotAPlainWord() {
    assertThatThrownBy(() -> database().migrate("../base")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: lower-case letters");
    assertThatThrownBy(() -> database().migrate("base")).isInstanceOf(IllegalArgumentException.class);
  }

  // Users

  @Test
  void createsUserThatCanBeFoundByIdAndByEmail() {
    User created = users.create("ada@example.com", "hash", Set.of(User.ROLE_USER, User.ROLE_ADMIN));

    assertThat(created.email()).isEqualTo("ada@example.com");
    assertThat(created.roles()).containsExactlyInAnyOrder("user", "admin");
    assertThat(created.tokenVersion()).isZero();
    assertThat(created.disabled()).isFalse();
    assertThat(created.createdAt()).isCloseTo(Instant.now(), within(10, ChronoUnit.SECONDS));
    assertThat(users.findById(created.id())).contains(created);
    assertThat(users.findByEmail("ada@example.com")).contains(created);
  }

  @Test
  void givesEachNewUserRandomUuid() {
    String first = users.create("one@example.com", null, USER).id();
    String second = users.create("two@example.com", null, USER).id();

    assertThat(UUID.fromString(first)).isNotEqualTo(UUID.fromString(second));
  }

  @Test
  void findsNothingForUnknownIdOrEmail() {
    assertThat(users.findById("nobody")).isEmpty();
    assertThat(users.findByEmail("nobody@example.com")).isEmpty();
  }

  @Test
  void matchesEmailExactlyBecauseCallersLowerCaseIt() {
    users.create("grace@example.com", null, USER);

    assertThat(users.findByEmail("Grace@Example.com")).isEmpty();
  }

  @Test
  void refusesSecondUserWithSameEmail() {
    users.create("taken@example.com", "hash", USER);

    assertThatThrownBy(() -> users.create("taken@example.com", "other", USER))
        .isInstanceOf(DuplicateEmailException.class)
        .hasMessage("a user with e-mail taken@example.com exists");
    assertThatThrownBy(() -> users.createWithId("external-1", "taken@example.com", USER))
        .isInstanceOf(DuplicateEmailException.class);
    assertThat(users.findById("external-1")).isEmpty();
  }

  @Test
  void createsUserWithGivenIdAndNoPassword() {
    User created = users.createWithId("idp|42", "ext@example.com", USER);

    assertThat(created.id()).isEqualTo("idp|42");
    assertThat(users.findById("idp|42")).contains(created);
    assertThat(users.passwordHash("idp|42")).isEmpty();
  }

  @Test
  void refusesSecondUserWithSameId() {
    users.createWithId("idp|7", "first@example.com", USER);

    assertThatThrownBy(() -> users.createWithId("idp|7", "second@example.com", USER))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("cannot create user idp|7 (expected: an id no other user has): ");
  }

  @Test
  void bumpsTokenVersionAndReturnsNewValue() {
    User user = users.create("bump@example.com", null, USER);

    assertThat(users.bumpTokenVersion(user.id())).isEqualTo(1);
    assertThat(users.bumpTokenVersion(user.id())).isEqualTo(2);
    assertThat(users.findById(user.id()).orElseThrow().tokenVersion()).isEqualTo(2);
  }

  @Test
  void concurrentBumpsEachGetTheirOwnNewVersion() throws Exception {
    String id = users.create("race@example.com", null, USER).id();
    int threads = 8;
    int bumpsPerThread = 25;

    List<Integer> versions = new ArrayList<>();
    for (List<Integer> ofOneThread : concurrently(threads, () -> {
      List<Integer> seen = new ArrayList<>();
      for (int i = 0; i < bumpsPerThread; i++) {
        seen.add(users.bumpTokenVersion(id));
      }
      return seen;
    })) {
      assertThat(ofOneThread).isSorted();
      versions.addAll(ofOneThread);
    }

    int total = threads * bumpsPerThread;
    assertThat(versions).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
    assertThat(users.findById(id).orElseThrow().tokenVersion()).isEqualTo(total);
  }

  @Test
  void roundTripsRoles() {
    User user = users.create("roles@example.com", null, Set.of("user"));

    users.setRoles(user.id(), Set.of("user", "admin", "service"));
    assertThat(users.findById(user.id()).orElseThrow().roles()).containsExactlyInAnyOrder("user", "admin", "service");

    users.setRoles(user.id(), Set.of());
    assertThat(users.findById(user.id()).orElseThrow().roles()).isEmpty();
  }

  @Test
  void refusesRoleWithComma() {
    assertThatThrownBy(() -> users.create("comma@example.com", null, Set.of("a,b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("role: 'a,b' (expected: not blank, no commas)");
    assertThat(users.findByEmail("comma@example.com")).isEmpty();
  }

  @Test
  void storesDisabledFlag() {
    User user = users.create("off@example.com", null, USER);

    users.setDisabled(user.id(), true);
    assertThat(users.findById(user.id()).orElseThrow().disabled()).isTrue();

    users.setDisabled(user.id(), false);
    assertThat(users.findById(user.id()).orElseThrow().disabled()).isFalse();
  }

  @Test
  void roundTripsPasswordHash() {
    String hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
    User user = users.create("pw@example.com", hash, USER);
    assertThat(users.passwordHash(user.id())).contains(hash);

    users.setPasswordHash(user.id(), "$2b$12$new");
    assertThat(users.passwordHash(user.id())).contains("$2b$12$new");

    users.setPasswordHash(user.id(), null);
    assertThat(users.passwordHash(user.id())).isEmpty();
    assertThat(users.passwordHash("nobody")).isEmpty();
  }

  @Test
  void refusesToChangeUnknownUser() {
    assertThatThrownBy(() -> users.bumpTokenVersion("nobody"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("no user with id nobody");
    assertThatThrownBy(() -> users.setRoles("nobody", USER)).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> users.setPasswordHash("nobody", "hash")).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> users.setDisabled("nobody", true)).isInstanceOf(NoSuchElementException.class);
  }

  // Emotions

  @Test
  void savesAndFindsEmotion() {
    String id = users.create("happy@example.com", null, USER).id();
    Instant at = Instant.parse("2026-03-01T12:00:00.123456Z");

    emotions.save(new Emotion(id, "happy", at));

    assertThat(emotions.find(id)).contains(new Emotion(id, "happy", at));
  }

  @Test
  void replacesPreviousEmotion() {
    String id = users.create("moody@example.com", null, USER).id();
    Instant first = Instant.parse("2026-03-01T12:00:00Z");

    emotions.save(new Emotion(id, "happy", first));
    emotions.save(new Emotion(id, "sad", first.plusSeconds(5)));

    assertThat(emotions.find(id)).contains(new Emotion(id, "sad", first.plusSeconds(5)));
  }

  @Test
  void findsNoEmotionForUserWhoNeverSetOne() {
    String id = users.create("calm@example.com", null, USER).id();

    assertThat(emotions.find(id)).isEmpty();
    assertThat(emotions.find("nobody")).isEmpty();
  }

  @Test
  void keepsEmotionTimeToTheMicrosecond() {
    String id = users.create("precise@example.com", null, USER).id();
    Instant at = Instant.parse("2026-03-01T12:00:00.123456789Z");

    emotions.save(new Emotion(id, "happy", at));

    assertThat(emotions.find(id).orElseThrow().updatedAt()).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
  }

  @Test
  void refusesEmotionOfUnknownUser() {
    assertThatThrownBy(() -> emotions.save(new Emotion("nobody", "happy", Instant.now())))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("no user with id nobody");
  }

  @Test
  void concurrentFirstSavesLeaveOneOfTheirEmotions() throws Exception {
    String id = users.create("rush@example.com", null, USER).id();
    Instant at = Instant.parse("2026-03-01T12:00:00Z");
    List<String> saved = List.of("happy", "sad", "angry", "calm", "excited", "bored", "tired", "proud");

    concurrently(saved.size(), index -> {
      emotions.save(new Emotion(id, saved.get(index), at));
      return null;
    });

    assertThat(emotions.find(id).orElseThrow().emotion()).isIn(saved);
  }

  @Test
  void deletingUserDeletesTheirEmotion() throws SQLException {
    String id = users.create("gone@example.com", null, USER).id();
    emotions.save(new Emotion(id, "happy", Instant.now()));

    execute("delete from users where id = '" + id + "'");

    assertThat(emotions.find(id)).isEmpty();
  }

  // Helpers

  private void execute(String sql) throws SQLException {
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private List<String> appliedMigrations() throws SQLException {
    return appliedMigrations("flyway_schema_history");
  }

  private List<String> appliedMigrations(String historyTable) throws SQLException {
    List<String> versions = new ArrayList<>();
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select version from " + historyTable
            + " where success and version is not null order by installed_rank")) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    }
    return versions;
  }

  /** Runs {@code task} on {@code threads} threads released at the same moment; returns their results in order. */
  private static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
    return concurrently(threads, index -> task.call());
  }

  private static <T> List<T> concurrently(int threads, IndexedTask<T> task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(executor.submit(() -> {
          start.await();
          return task.call(index);
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    }
  }

  @FunctionalInterface
  private interface IndexedTask<T> {
    T call(int index) throws Exception;
  }
}
