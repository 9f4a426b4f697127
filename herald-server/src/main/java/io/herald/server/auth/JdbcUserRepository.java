package io.herald.server.auth;

import io.herald.server.storage.SqlStates;
import io.herald.server.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Users in the {@code users} table (H2 or PostgreSQL). Roles are stored sorted and comma-separated; times are kept
 * to the microsecond, the precision both databases store.
 */
public final class JdbcUserRepository implements UserRepository {
  private static final String COLUMNS = "id, email, roles, token_version, disabled, created_at";
  private static final int MAX_ROLES_LENGTH = 255;

  private final DataSource dataSource;

  public JdbcUserRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public User create(String email, String passwordHash, Set<String> roles) {
    return insert(UUID.randomUUID().toString(), email, passwordHash, roles);
  }

  @Override
  public User createWithId(String id, String email, Set<String> roles) {
    return insert(Objects.requireNonNull(id, "id"), email, null, roles);
  }

  private User insert(String id, String email, String passwordHash, Set<String> roles) {
    Objects.requireNonNull(email, "email");
    String encodedRoles = encodeRoles(roles);
    Instant now = now();
    String sql = "insert into users (id, email, password_hash, roles, token_version, disabled, created_at, updated_at)"
        + " values (?, ?, ?, ?, 0, false, ?, ?)";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      statement.setString(2, email);
      statement.setString(3, passwordHash);
      statement.setString(4, encodedRoles);
      statement.setObject(5, utc(now));
      statement.setObject(6, utc(now));
      statement.executeUpdate();
      return new User(id, email, roles, 0, false, now);
    } catch (SQLException e) {
      if (SqlStates.isUniqueViolation(e)) {
        throw duplicate(id, email, e);
      }
      throw StorageException.of("cannot create user " + id, e);
    }
  }

  /** The e-mail address or the id is taken; the e-mail address is what callers can act on, so it is checked first. */
  private RuntimeException duplicate(String id, String email, SQLException e) {
    if (findByEmail(email).isPresent()) {
      RuntimeException duplicate = new DuplicateEmailException(email);
      duplicate.initCause(e);
      return duplicate;
    }
    return StorageException.of("cannot create user " + id + " (expected: an id no other user has)", e);
  }

  @Override
  public Optional<User> findById(String id) {
    return findOne("select " + COLUMNS + " from users where id = ?", id, "cannot find user " + id);
  }

  @Override
  public Optional<User> findByEmail(String email) {
    return findOne("select " + COLUMNS + " from users where email = ?", email, "cannot find a user by e-mail");
  }

  private Optional<User> findOne(String sql, String key, String doing) {
    Objects.requireNonNull(key, "key");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, key);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(user(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw StorageException.of(doing, e);
    }
  }

  private static User user(ResultSet row) throws SQLException {
    return new User(
        row.getString("id"),
        row.getString("email"),
        decodeRoles(row.getString("roles")),
        row.getInt("token_version"),
        row.getBoolean("disabled"),
        row.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  @Override
  public Optional<String> passwordHash(String userId) {
    Objects.requireNonNull(userId, "userId");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("select password_hash from users where id = ?")) {
      statement.setString(1, userId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw StorageException.of("cannot read the password hash of user " + userId, e);
    }
  }

  /** One transaction: the row stays locked from the increment to the read, so concurrent bumps see distinct values. */
  @Override
  public int bumpTokenVersion(String userId) {
    Objects.requireNonNull(userId, "userId");
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false); // the pool restores auto-commit when the connection goes back to it
      try {
        int version = bump(connection, userId);
        connection.commit();
        return version;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw StorageException.of("cannot bump the token version of user " + userId, e);
    }
  }

  private static int bump(Connection connection, String userId) throws SQLException {
    String increment = "update users set token_version = token_version + 1, updated_at = ? where id = ?";
    try (PreparedStatement statement = connection.prepareStatement(increment)) {
      statement.setObject(1, utc(now()));
      statement.setString(2, userId);
      if (statement.executeUpdate() == 0) {
        throw noSuchUser(userId);
      }
    }
    try (PreparedStatement statement = connection.prepareStatement("select token_version from users where id = ?")) {
      statement.setString(1, userId);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  @Override
  public void setRoles(String userId, Set<String> roles) {
    String encoded = encodeRoles(roles);
    update(userId, "roles", "update users set roles = ?, updated_at = ? where id = ?",
        statement -> statement.setString(1, encoded));
  }

  /** {@code passwordHash} may be {@code null}: the user then cannot log in with a password. */
  @Override
  public void setPasswordHash(String userId, String passwordHash) {
    update(userId, "the password hash", "update users set password_hash = ?, updated_at = ? where id = ?",
        statement -> statement.setString(1, passwordHash));
  }

  @Override
  public void setDisabled(String userId, boolean disabled) {
    update(userId, "the disabled flag", "update users set disabled = ?, updated_at = ? where id = ?",
        statement -> statement.setBoolean(1, disabled));
  }

  /** Runs {@code sql}, whose parameters are the new value, {@code updated_at} and the user id. */
  private void update(String userId, String what, String sql, ValueBinder value) {
    Objects.requireNonNull(userId, "userId");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      value.bind(statement);
      statement.setObject(2, utc(now()));
      statement.setString(3, userId);
      if (statement.executeUpdate() == 0) {
        throw noSuchUser(userId);
      }
    } catch (SQLException e) {
      throw StorageException.of("cannot set " + what + " of user " + userId, e);
    }
  }

  @FunctionalInterface
  private interface ValueBinder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private static NoSuchElementException noSuchUser(String userId) {
    return new NoSuchElementException("no user with id " + userId);
  }

  static String encodeRoles(Set<String> roles) {
    for (String role : roles) {
      if (role.isBlank() || role.contains(",")) {
        throw new IllegalArgumentException("role: '" + role + "' (expected: not blank, no commas)");
      }
    }
    String encoded = String.join(",", new TreeSet<>(roles));
    if (encoded.length() > MAX_ROLES_LENGTH) {
      throw new IllegalArgumentException(
          "roles: " + encoded.length() + " characters (expected: <= " + MAX_ROLES_LENGTH + " joined by commas)");
    }
    return encoded;
  }

  static Set<String> decodeRoles(String encoded) {
    if (encoded.isEmpty()) {
      return Set.of();
    }
    return Arrays.stream(encoded.split(",")).collect(Collectors.toUnmodifiableSet());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
