package io.herald.server.auth;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the first administrator from {@code HERALD_ADMIN_EMAIL} and {@code HERALD_ADMIN_PASSWORD}. There is no
 * default password: without both variables no administrator is created. Blocking; runs once at start-up.
 */
public final class AdminBootstrap {
  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
  private static final int MIN_ADMIN_PASSWORD = 12;

  private AdminBootstrap() {}

  public static void apply(Map<String, String> env, UserRepository users, PasswordHasher hasher) {
    String email = env.get("HERALD_ADMIN_EMAIL");
    String password = env.get("HERALD_ADMIN_PASSWORD");
    if (email == null || email.isBlank()) {
      return;
    }
    if (password == null || password.length() < MIN_ADMIN_PASSWORD) {
      throw new IllegalArgumentException("HERALD_ADMIN_PASSWORD: missing or shorter than " + MIN_ADMIN_PASSWORD
          + " characters (expected: a password for " + email + "; there is no default)");
    }
    String normalized = email.trim().toLowerCase(Locale.ROOT);
    User admin = users.findByEmail(normalized).orElse(null);
    if (admin == null) {
      admin = users.create(normalized, hasher.hash(password), Set.of(User.ROLE_USER, User.ROLE_ADMIN));
      log.info("administrator {} created from HERALD_ADMIN_EMAIL", normalized);
      return;
    }
    boolean changed = false;
    if (!admin.isAdmin()) {
      Set<String> roles = new HashSet<>(admin.roles());
      roles.add(User.ROLE_ADMIN);
      users.setRoles(admin.id(), roles);
      log.info("user {} made administrator from HERALD_ADMIN_EMAIL", normalized);
      changed = true;
    }
    String stored = users.passwordHash(admin.id()).orElse(null);
    if (stored == null || !hasher.matches(password, stored)) {
      users.setPasswordHash(admin.id(), hasher.hash(password));
      log.info("password of administrator {} set from HERALD_ADMIN_PASSWORD", normalized);
      changed = true;
    }
    if (changed) {
      // whoever held this account before (it may have been registered by anyone) loses its tokens
      users.bumpTokenVersion(admin.id());
    }
  }
}
