package io.herald.server.storage;

/**
 * A database operation failed: the database cannot be reached, a statement failed, a migration did not apply. The
 * message says what was being done and why it failed ({@code "cannot open database jdbc:...: Connection refused"});
 * it never shows a password.
 */
public final class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  /** For when the cause must not be kept because one of its messages shows a secret. */
  public StorageException(String message) {
    super(message);
  }

  /** {@code "<doing>: <the cause's message>"}, for example {@code "cannot find user 42: Connection is closed"}. */
  public static StorageException of(String doing, Throwable cause) {
    return new StorageException(doing + ": " + cause.getMessage(), cause);
  }
}
