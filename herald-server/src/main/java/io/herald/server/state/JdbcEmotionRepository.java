package io.herald.server.state;

import io.herald.server.storage.SqlStates;
import io.herald.server.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Emotions in the {@code user_emotions} table (H2 or PostgreSQL), one row per user. Times are kept to the
 * microsecond, the precision both databases store.
 *
 * <p>Saving is an update, then an insert when the user had no row. H2 has no {@code INSERT ... ON CONFLICT DO
 * UPDATE} and PostgreSQL's {@code MERGE} fails on a concurrent insert, so when two first saves race, the loser's
 * insert hits the primary key and it updates the winner's row instead.
 */
public final class JdbcEmotionRepository implements EmotionRepository {
  static final int MAX_EMOTION_LENGTH = 32;

  private final DataSource dataSource;

  public JdbcEmotionRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** @throws NoSuchElementException if no user has the id */
  @Override
  public void save(Emotion emotion) {
    Objects.requireNonNull(emotion.userId(), "userId");
    Objects.requireNonNull(emotion.emotion(), "emotion");
    Objects.requireNonNull(emotion.updatedAt(), "updatedAt");
    if (emotion.emotion().length() > MAX_EMOTION_LENGTH) {
      throw new IllegalArgumentException("emotion: " + emotion.emotion().length() + " characters (expected: <= "
          + MAX_EMOTION_LENGTH + ")");
    }
    try (Connection connection = dataSource.getConnection()) {
      if (update(connection, emotion) == 0) {
        insertOrUpdate(connection, emotion);
      }
    } catch (SQLException e) {
      if (SqlStates.isForeignKeyViolation(e)) {
        throw new NoSuchElementException("no user with id " + emotion.userId());
      }
      throw StorageException.of("cannot save the emotion of user " + emotion.userId(), e);
    }
  }

  private static void insertOrUpdate(Connection connection, Emotion emotion) throws SQLException {
    try {
      insert(connection, emotion);
    } catch (SQLException e) {
      if (!SqlStates.isUniqueViolation(e) || update(connection, emotion) == 0) {
        throw e;
      }
    }
  }

  private static int update(Connection connection, Emotion emotion) throws SQLException {
    String sql = "update user_emotions set emotion = ?, updated_at = ? where user_id = ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, emotion.emotion());
      statement.setObject(2, utc(emotion));
      statement.setString(3, emotion.userId());
      return statement.executeUpdate();
    }
  }

  private static void insert(Connection connection, Emotion emotion) throws SQLException {
    String sql = "insert into user_emotions (user_id, emotion, updated_at) values (?, ?, ?)";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, emotion.userId());
      statement.setString(2, emotion.emotion());
      statement.setObject(3, utc(emotion));
      statement.executeUpdate();
    }
  }

  private static OffsetDateTime utc(Emotion emotion) {
    return emotion.updatedAt().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  @Override
  public Optional<Emotion> find(String userId) {
    Objects.requireNonNull(userId, "userId");
    String sql = "select emotion, updated_at from user_emotions where user_id = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, userId);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(new Emotion(
            userId, row.getString("emotion"), row.getObject("updated_at", OffsetDateTime.class).toInstant()));
      }
    } catch (SQLException e) {
      throw StorageException.of("cannot find the emotion of user " + userId, e);
    }
  }
}
