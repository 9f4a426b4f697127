package io.herald.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The database: a small connection pool, migrated to the base schema (the scripts in {@code db/migration/base}) when
 * opened. Works with H2 and PostgreSQL.
 */
public final class Database implements AutoCloseable {
  static final String POOL_NAME = "herald";
  static final int MAX_POOL_SIZE = 10;
  static final String MIGRATIONS = "classpath:db/migration";
  /** The tables every gateway has (users, their emotions), in Flyway's default history table. */
  static final String BASE_MIGRATIONS = MIGRATIONS + "/base";

  private final HikariDataSource pool;
  private final String redactedJdbcUrl;

  private Database(HikariDataSource pool, String redactedJdbcUrl) {
    this.pool = pool;
    this.redactedJdbcUrl = redactedJdbcUrl;
  }

  /**
   * Connects and migrates the schema.
   *
   * @throws StorageException if the database cannot be reached or a migration fails
   */
  public static Database open(StorageSettings settings) {
    HikariDataSource pool = connect(settings);
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations(BASE_MIGRATIONS)
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.close();
      throw failure("cannot migrate database " + settings.redactedJdbcUrl(), settings, e);
    }
    return new Database(pool, settings.redactedJdbcUrl());
  }

  private static HikariDataSource connect(StorageSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(POOL_NAME);
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.username());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(MAX_POOL_SIZE);
    config.setMinimumIdle(2);
    config.setConnectionTimeout(10_000);
    try {
      // Opens a first connection, so an unreachable database fails here rather than on first use.
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      Throwable cause = e instanceof PoolInitializationException && e.getCause() != null ? e.getCause() : e;
      throw failure("cannot open database " + settings.redactedJdbcUrl(), settings, cause);
    }
  }

  /** Keeps the cause for its stack trace unless one of its messages shows the password. */
  private static StorageException failure(String doing, StorageSettings settings, Throwable cause) {
    String message = doing + ": " + settings.redact(String.valueOf(cause.getMessage()));
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (settings.leaks(t.getMessage())) {
        return new StorageException(message);
      }
    }
    return new StorageException(message, cause);
  }

  /**
   * Migrates a feature's own tables: the scripts in {@code db/migration/<feature>} ({@code V1__...sql} onwards),
   * recorded in a history table of their own ({@code flyway_history_<feature>}), so that features number their
   * migrations independently. Safe to call on every start and from several nodes at once.
   *
   * @throws StorageException if a migration fails
   */
  public void migrate(String feature) {
    if (!feature.matches("[a-z][a-z0-9_]{0,30}") || feature.equals("base")) {
      throw new IllegalArgumentException("feature: " + feature + " (expected: lower-case letters, digits, _; not base)");
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations(MIGRATIONS + "/" + feature)
          .table("flyway_history_" + feature)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StorageException("cannot migrate the tables of " + feature + " in " + redactedJdbcUrl + ": "
          + e.getMessage(), e);
    }
  }

  /** The pool. Every connection from it blocks: use it off the event loop. */
  public DataSource dataSource() {
    return pool;
  }

  /** Closes the pool and every connection in it. */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "Database[" + redactedJdbcUrl + "]";
  }
}
