package se.kth.aspen.core.diff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The content of a target's directory, one digest per file by relative path: equal listings mean
 * an equal desired state (both sides resolve ranges against the same tags), so a target whose
 * directory did not change costs one read of its files and nothing else. A vaulted file is
 * compared as it is stored, encrypted.
 */
final class TargetFiles {

  private TargetFiles() {}

  /** Digests by '/'-separated relative path; empty for a directory that is not there. Links are not followed. */
  static Map<String, String> of(Optional<Path> directory) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (directory.isEmpty() || !Files.isDirectory(directory.get(), LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    Path dir = directory.get();
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        String relative = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        out.put(relative, attributes.isSymbolicLink() ? "link:" + Files.readSymbolicLink(file) : digest(file));
        return FileVisitResult.CONTINUE;
      }
    });
    return out;
  }

  private static String digest(Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
