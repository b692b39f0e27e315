package se.kth.aspen.core.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The desired state of one target, as one SHA-256: the app/cluster directory's
 * contents, the image every service resolved to, the cluster's endpoint and the {@code
 * PORTILLO_CLUSTER} value. When it equals the one recorded at the last good deploy, nothing is
 * done: no decryption, no call to the cluster.
 *
 * <p>The images enter as the pass resolved them: for a stack without version ranges, its images
 * are a function of the directory and the interpolation variables, so the caller may pass the
 * resolved range variables instead ({@code WEB_VERSION=2.9.202_3b01b96}) and skip parsing the
 * stack at all when nothing changed. Digests are not included: asking the registry for every
 * image's digest on every pass would cost a network call per app; a re-pushed tag is picked up
 * by the next change, as with the tool Aspen replaces.
 *
 * @param hex the SHA-256 in lower-case hex
 */
public record Fingerprint(String hex) {

  public Fingerprint {
    Objects.requireNonNull(hex, "hex");
  }

  /**
   * Combines the parts.
   *
   * @param resolved what the images were resolved to, by name; order does not matter
   */
  public static Fingerprint of(DirectoryDigest directory, String endpoint, String portilloCluster, Map<String, String> resolved) {
    MessageDigest sha = DirectoryDigest.sha256();
    field(sha, "directory", directory.hex());
    field(sha, "endpoint", endpoint);
    field(sha, "portillo", portilloCluster);
    new TreeMap<>(resolved).forEach((name, value) -> field(sha, "resolved " + name, value));
    return new Fingerprint(HexFormat.of().formatHex(sha.digest()));
  }

  // Each field is length-prefixed by its terminator-free encoding, so no two inputs collide by concatenation.
  private static void field(MessageDigest sha, String name, String value) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    sha.update(java.nio.ByteBuffer.allocate(8).putInt(n.length).putInt(v.length).flip());
    sha.update(n);
    sha.update(v);
  }

  @Override
  public String toString() {
    return hex.substring(0, 12);
  }
}
