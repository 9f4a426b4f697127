package io.herald.server.auth;

import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * An Argon2 hash in the PHC string format, {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, with salt and hash in
 * unpadded standard base64. A missing {@code v=} means version 16 (0x10), as in the reference implementation.
 */
record Argon2Hash(Params params, byte[] salt, byte[] hash) {
  /** Parameters read from stored hashes are bounded, so a bad row cannot make a login take minutes or gigabytes. */
  static final int MAX_MEMORY_KIB = 1 << 20;
  static final int MAX_ITERATIONS = 64;
  static final int MAX_PARALLELISM = 64;

  private static final Map<String, Integer> TYPES = Map.of(
      "argon2id", Argon2Parameters.ARGON2_id, "argon2i", Argon2Parameters.ARGON2_i, "argon2d", Argon2Parameters.ARGON2_d);
  private static final Pattern PHC = Pattern.compile(
      "\\$(argon2id|argon2i|argon2d)(?:\\$v=(\\d{1,3}))?\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})"
          + "\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{6,1366})");

  /**
   * @param type {@link Argon2Parameters#ARGON2_id} and friends
   * @param version {@link Argon2Parameters#ARGON2_VERSION_13} (19) or {@code ARGON2_VERSION_10} (16)
   */
  record Params(int type, int version, int memoryKiB, int iterations, int parallelism) {}

  String encode() {
    String type = TYPES.entrySet().stream().filter(e -> e.getValue() == params.type()).findFirst().orElseThrow()
        .getKey();
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$" + type + "$v=" + params.version() + "$m=" + params.memoryKiB() + ",t=" + params.iterations()
        + ",p=" + params.parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /** The parsed hash, or {@code null} if the string is not a supported Argon2 PHC string. */
  static Argon2Hash parse(String encoded) {
    if (encoded == null) {
      return null;
    }
    Matcher m = PHC.matcher(encoded);
    if (!m.matches()) {
      return null;
    }
    int version = m.group(2) == null ? Argon2Parameters.ARGON2_VERSION_10 : Integer.parseInt(m.group(2));
    int memory = Integer.parseInt(m.group(3));
    int iterations = Integer.parseInt(m.group(4));
    int parallelism = Integer.parseInt(m.group(5));
    boolean knownVersion = version == Argon2Parameters.ARGON2_VERSION_10
        || version == Argon2Parameters.ARGON2_VERSION_13;
    if (!knownVersion || iterations < 1 || iterations > MAX_ITERATIONS || parallelism < 1
        || parallelism > MAX_PARALLELISM || memory < 8 * parallelism || memory > MAX_MEMORY_KIB) {
      return null;
    }
    try {
      byte[] salt = Base64.getDecoder().decode(m.group(6));
      byte[] hash = Base64.getDecoder().decode(m.group(7));
      return new Argon2Hash(new Params(TYPES.get(m.group(1)), version, memory, iterations, parallelism), salt, hash);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
