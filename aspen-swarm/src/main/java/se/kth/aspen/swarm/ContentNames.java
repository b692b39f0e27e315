package se.kth.aspen.swarm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names that change with an object's content: {@code <base>_<16 hex of SHA-256>}, the base cut
 * short when the whole would pass the 64 characters Swarm allows for a secret or config name.
 */
final class ContentNames {

  static final int MAX_LENGTH = 64;
  private static final int DIGEST_HEX = 16;

  private ContentNames() {}

  /** The name for {@code content} under {@code base}; {@code context} (what else fixes the object) enters the digest. */
  static String of(String base, String context, byte[] content) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update((base + "\0" + context + "\0").getBytes(StandardCharsets.UTF_8));
    String digest = HexFormat.of().formatHex(sha.digest(content)).substring(0, DIGEST_HEX);
    int room = MAX_LENGTH - 1 - DIGEST_HEX;
    String cut = base.length() > room ? base.substring(0, room) : base;
    return cut + "_" + digest;
  }
}
