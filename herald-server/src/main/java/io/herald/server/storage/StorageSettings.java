package io.herald.server.storage;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the database is. By default an H2 file database in the data directory; {@code HERALD_JDBC_URL} (with
 * {@code HERALD_JDBC_USER} and {@code HERALD_JDBC_PASSWORD}) switches to another one, usually PostgreSQL.
 *
 * <p>{@link #toString()} and {@link #redactedJdbcUrl()} never show the password.
 *
 * @param jdbcUrl the JDBC URL, for example {@code jdbc:postgresql://db:5432/herald}
 * @param username the user to log in as, or {@code null} to use the URL's
 * @param password the password, or {@code null} to use the URL's
 */
public record StorageSettings(String jdbcUrl, String username, String password) {
  public static final String ENV_URL = "HERALD_JDBC_URL";
  public static final String ENV_USER = "HERALD_JDBC_USER";
  public static final String ENV_PASSWORD = "HERALD_JDBC_PASSWORD";

  /**
   * H2 settings that make the same SQL run on H2 and PostgreSQL: PostgreSQL syntax, lower-case unquoted names, and
   * nulls sorted last ascending as PostgreSQL does.
   */
  static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  private static final String H2_USER = "sa";
  private static final String H2_PASSWORD = "";
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("//([^/:@?;]*):[^/@?;]*@");

  public StorageSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("jdbcUrl: " + redactUrl(jdbcUrl) + " (expected: jdbc:...)");
    }
  }

  /** The H2 file database {@code herald} in {@code dataDir}. */
  public static StorageSettings h2(Path dataDir) {
    String file = dataDir.toAbsolutePath().resolve("herald").toString();
    if (file.contains(";")) {
      throw new IllegalArgumentException("dataDir: " + dataDir + " (expected: a path without ';')");
    }
    return new StorageSettings("jdbc:h2:file:" + file + H2_OPTIONS, H2_USER, H2_PASSWORD);
  }

  /**
   * Reads {@code HERALD_JDBC_URL}, {@code HERALD_JDBC_USER} and {@code HERALD_JDBC_PASSWORD}. Without a URL, the H2
   * database in {@code dataDir}, as {@code sa} with no password unless the user and password variables say otherwise.
   */
  public static StorageSettings fromEnv(Map<String, String> env, Path dataDir) {
    String url = blankToNull(env.get(ENV_URL));
    String user = blankToNull(env.get(ENV_USER));
    String password = env.get(ENV_PASSWORD);
    if (url == null) {
      StorageSettings h2 = h2(dataDir);
      return new StorageSettings(
          h2.jdbcUrl(), user != null ? user : h2.username(), password != null ? password : h2.password());
    }
    return new StorageSettings(url.trim(), user, password);
  }

  /** The JDBC URL with any password in it replaced by {@code ***}. */
  public String redactedJdbcUrl() {
    return redactUrl(jdbcUrl);
  }

  /** {@code text} with the password and the raw JDBC URL (which may hold a password) replaced. */
  String redact(String text) {
    String redacted = text.replace(jdbcUrl, redactedJdbcUrl());
    if (password != null && !password.isEmpty()) {
      redacted = redacted.replace(password, "***");
    }
    return redacted;
  }

  /** Whether {@code text} shows the password or a part of the URL that {@link #redactedJdbcUrl()} hides. */
  boolean leaks(String text) {
    return text != null && !redact(text).equals(text);
  }

  private static String redactUrl(String url) {
    String redacted = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(redacted).replaceAll("//$1:***@");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @Override
  public String toString() {
    String shownPassword = password == null || password.isEmpty() ? "(none)" : "***";
    return "StorageSettings[jdbcUrl=" + redactedJdbcUrl() + ", username=" + username + ", password=" + shownPassword
        + "]";
  }
}
