package se.kth.aspen.swarm.registry;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;

/**
 * {@code HEAD /v2/<name>/manifests/<tag>} accepting every manifest kind Docker deploys (OCI
 * index, Docker manifest list, OCI manifest, Docker v2 manifest), read from
 * {@code Docker-Content-Digest}. A registry that leaves the header out is asked with a {@code
 * GET} and the manifest's bytes are hashed, which is what the digest is by definition. A {@code
 * 404} is asked again with a {@code GET} too, because only the error body tells an unknown
 * repository from an unknown tag.
 */
final class DigestChecker {

  static final List<String> MANIFEST_TYPES = List.of(
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json");
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  private final RegistryTransport transport;

  DigestChecker(RegistryTransport transport) {
    this.transport = transport;
  }

  String digest(ImageReference image, RegistryLocation location, Deadline deadline) throws PortException {
    String reference = image.tag().or(image::digest).orElse("latest");
    String attempt = "reading the manifest digest of " + image.name() + ":" + reference;
    URI uri = location.resolve("manifests/" + reference);
    RegistryResponse head = transport.send(attempt, location, "HEAD", uri, MANIFEST_TYPES, deadline);
    if (head.statusCode() == 200) {
      Optional<String> header = head.headers().firstValue("Docker-Content-Digest");
      if (header.isPresent()) {
        return checked(attempt, location, header.get().strip());
      }
    } else if (head.statusCode() != 404) {
      throw RegistryAnswer.unexpected(attempt, location.registryName(), head, transport.now());
    }
    RegistryResponse get = transport.send(attempt, location, "GET", uri, MANIFEST_TYPES, deadline);
    if (get.statusCode() == 404) {
      throw notFound(attempt, location, reference, get);
    }
    if (get.statusCode() != 200) {
      throw RegistryAnswer.unexpected(attempt, location.registryName(), get, transport.now());
    }
    return get.headers().firstValue("Docker-Content-Digest").isPresent()
        ? checked(attempt, location, get.headers().firstValue("Docker-Content-Digest").get().strip())
        : sha256(get.body());
  }

  private static RefusedException notFound(
      String attempt, RegistryLocation location, String reference, RegistryResponse response) {
    String where = " in registry " + location.registryName() + " (HTTP 404)";
    if (RegistryAnswer.errorCodes(response.body()).contains("NAME_UNKNOWN")) {
      return new RefusedException(attempt + ": repository " + location.repository() + " not found" + where);
    }
    return new RefusedException(
        attempt + ": no manifest " + reference + " in repository " + location.repository() + where);
  }

  private static String checked(String attempt, RegistryLocation location, String digest) throws RefusedException {
    if (!SHA256.matcher(digest).matches()) {
      throw new RefusedException(attempt + ": registry " + location.registryName()
          + " answered with a Docker-Content-Digest that is not a sha256 digest (\"" + digest + "\")");
    }
    return digest;
  }

  private static String sha256(byte[] body) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
