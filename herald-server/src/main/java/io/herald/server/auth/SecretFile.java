package io.herald.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HMAC secret Herald generates for itself when {@code HERALD_JWT_SECRET} is not set: 64 random bytes, base64url,
 * in {@code <dataDir>/jwt-secret}, readable by the owner only. The key is the UTF-8 bytes of the file's text (without
 * the trailing newline), exactly as if that text were set as {@code HERALD_JWT_SECRET}, so it can be copied to other
 * nodes.
 */
public final class SecretFile {
  public static final String FILE_NAME = "jwt-secret";
  private static final Logger log = LoggerFactory.getLogger(SecretFile.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final int RANDOM_BYTES = 64;

  private SecretFile() {}

  /**
   * Reads the secret from {@code <dataDir>/jwt-secret}, creating the directory and the file first if needed.
   *
   * @throws UncheckedIOException if the file cannot be read or written
   */
  public static byte[] loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        return read(file);
      }
      Files.createDirectories(dataDir);
      return create(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the JWT secret file " + file, e);
    }
  }

  private static byte[] read(Path file) throws IOException {
    if (isPosix(file)) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
        log.warn("The JWT secret file {} is readable by other users; restrict it with: chmod 600 {}", file, file);
      }
    }
    return Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Writes the secret to a temporary file created owner-only, then links it into place, so the file is never
   * readable by others nor half-written, and two processes starting at once agree on one secret.
   */
  private static byte[] create(Path file) throws IOException {
    byte[] random = new byte[RANDOM_BYTES];
    new SecureRandom().nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path dir = file.toAbsolutePath().getParent();
    FileAttribute<?>[] attributes = isPosix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(dir, "." + FILE_NAME + "-", ".tmp", attributes);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      try {
        Files.createLink(file, temp);
      } catch (FileAlreadyExistsException raced) {
        return read(file);
      } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    log.info("Generated a JWT signing secret in {} (set HERALD_JWT_SECRET to use your own)", file);
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
