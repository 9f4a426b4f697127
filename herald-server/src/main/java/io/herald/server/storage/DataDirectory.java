package io.herald.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The gateway's data directory: the embedded database (password hashes) and generated secrets live there, so a
 * directory Herald creates is readable by its owner only.
 */
public final class DataDirectory {
  private DataDirectory() {}

  /** Creates the directory, owner-only, if it does not exist; an existing one is left as it is. */
  public static Path prepare(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        return dir;
      }
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }
}
