package io.herald.server.storage;

import java.sql.SQLException;

/** The SQLSTATE codes Herald reacts to, as H2 and PostgreSQL report them. */
public final class SqlStates {
  /** A unique or primary key constraint was violated. */
  public static final String UNIQUE_VIOLATION = "23505";
  /** A foreign key constraint was violated (PostgreSQL, and H2 when deleting a referenced row). */
  public static final String FOREIGN_KEY_VIOLATION = "23503";
  /** H2's own code for a row referring to a row that does not exist. */
  public static final String H2_PARENT_MISSING = "23506";

  private SqlStates() {}

  public static boolean isUniqueViolation(SQLException e) {
    return has(e, UNIQUE_VIOLATION);
  }

  /** Whether a row refers to a missing row, or a row still referred to was deleted. */
  public static boolean isForeignKeyViolation(SQLException e) {
    return has(e, FOREIGN_KEY_VIOLATION) || has(e, H2_PARENT_MISSING);
  }

  /** Whether {@code e}, or an exception chained to it with {@link SQLException#getNextException()}, has the state. */
  private static boolean has(SQLException e, String state) {
    for (SQLException current = e; current != null; current = current.getNextException()) {
      if (state.equals(current.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
