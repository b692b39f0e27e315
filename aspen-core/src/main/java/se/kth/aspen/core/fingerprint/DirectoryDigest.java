package se.kth.aspen.core.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    return of(directory, "", 0).digest();
  }

  /**
   * Hashes the directory, and keeps the bytes of one of its files on the way, so a caller that
   * needs them does not read the file twice.
   *
   * @param keep the relative path of the file to keep
   * @param keepLimit a file longer than this is hashed but not kept
   */
  public static Kept of(Path directory, String keep, int keepLimit) throws IOException {
    return of(directory, Listing.of(directory), keep, keepLimit);
  }

  /** Hashes the directory as listed: the listing's sizes are checked against what is read. */
  static Kept of(Path directory, Listing listing, String keep, int keepLimit) throws IOException {
    MessageDigest sha = sha256();
    byte[] buffer = null;
    byte[] kept = null;
    long total = 0;
    for (Listing.Entry entry : listing.entries()) {
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
      if (entry.size() <= SMALL) {
        // Most stack directories hold a few small files: one read each, no stream.
        byte[] content = Files.readAllBytes(entry.path());
        if (content.length != entry.size()) {
          throw new IOException(entry.relative() + " changed while it was being read");
        }
        sha.update(content);
        if (entry.relative().equals(keep) && content.length <= keepLimit) {
          kept = content;
        }
        continue;
      }
      if (buffer == null) {
        buffer = new byte[64 * 1024];
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
    return new Kept(new DirectoryDigest(HexFormat.of().formatHex(sha.digest())), kept);
  }

  /** A digest and the bytes of the file asked for, or null when it was absent, a link or too long. */
  public record Kept(DirectoryDigest digest, byte[] content) {
    public java.util.Optional<byte[]> kept() {
      return java.util.Optional.ofNullable(content).map(byte[]::clone);
    }
  }

  private static final int SMALL = 256 * 1024;

  // Looking SHA-256 up among the providers costs more than hashing a small file; a clone of a
  // fresh prototype does not. The prototype is never updated, so cloning it from many threads is safe.
  private static final MessageDigest PROTOTYPE = lookUp();

  static MessageDigest sha256() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return lookUp();
    }
  }

  private static MessageDigest lookUp() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
