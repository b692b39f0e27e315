package se.kth.aspen.core.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The SHA-256 of a directory's contents: every file below it, by '/'-separated relative path in
 * sorted order, each path followed by its length and bytes. The order files are listed in, their
 * timestamps and anything outside the directory never change it.
 *
 * <p>Symbolic links are never followed (a link could lead anywhere, and the deploy refuses them
 * anyway): a link is hashed as its target's text, so changing where it points changes the digest.
 * {@code .git} directories are skipped.
 *
 * @param hex the digest in lower-case hex
 */
public record DirectoryDigest(String hex) {

  /** More than this below one app/cluster directory is not a stack directory; refuse to hash it. */
  public static final long MAX_BYTES = 256L * 1024 * 1024;

  public DirectoryDigest {
    Objects.requireNonNull(hex, "hex");
  }

  /**
   * Hashes the directory.
   *
   * @throws IOException when a file cannot be read, or the directory holds more than {@link
   *     #MAX_BYTES}; the message names the file
   */
  public static DirectoryDigest of(Path directory) throws IOException {
    List<Entry> entries = list(directory);
    entries.sort(null);
    MessageDigest sha = sha256();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (Entry entry : entries) {
      sha.update(entry.relative().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      if (entry.linkTarget() != null) {
        sha.update((byte) 'L');
        sha.update(entry.linkTarget().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        continue;
      }
      sha.update((byte) 'F');
      sha.update(ByteBuffer.allocate(Long.BYTES).putLong(entry.size()).flip());
      total += entry.size();
      if (total > MAX_BYTES) {
        throw new IOException("the directory " + directory.getFileName() + " holds more than "
            + (MAX_BYTES >> 20) + " MiB (at " + entry.relative() + "); not a stack directory");
      }
      try (InputStream in = Files.newInputStream(entry.path(), LinkOption.NOFOLLOW_LINKS)) {
        long read = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, n);
          read += n;
        }
        if (read != entry.size()) {
          throw new IOException(entry.relative() + " changed while it was being read");
        }
      }
    }
    return new DirectoryDigest(HexFormat.of().formatHex(sha.digest()));
  }

  private record Entry(String relative, Path path, long size, String linkTarget) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry other) {
      return relative.compareTo(other.relative);
    }
  }

  private static List<Entry> list(Path directory) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(directory)
            ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String relative = relative(directory, file);
        if (attrs.isSymbolicLink()) {
          entries.add(new Entry(relative, file, 0, Files.readSymbolicLink(file).toString()));
        } else if (attrs.isRegularFile()) {
          entries.add(new Entry(relative, file, attrs.size(), null));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return entries;
  }

  private static String relative(Path directory, Path file) {
    Path rel = directory.relativize(file);
    StringBuilder text = new StringBuilder();
    for (Path part : rel) {
      if (!text.isEmpty()) {
        text.append('/');
      }
      text.append(part);
    }
    return text.toString();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
