package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * {@code --resolve-image always}: asks the engine to look the image up in its registry ({@code GET
 * /distribution/<image>/json}, with the registry credentials), pins the tag to the manifest digest
 * and records the platforms. A failed lookup leaves the image as tagged.
 */
final class ImageResolution {

  /** The image to send and its platforms; {@code resolved} false when the registry did not answer. */
  record Resolved(ImageReference image, ArrayNode platforms, boolean resolved) {}

  private final EngineClient engine;
  private final RegistryAuth auth;
  private final java.util.Map<String, ArrayNode> platformsByDigest;

  /**
   * @param platformsByDigest platforms of digest-pinned images already looked up: a digest names
   *     one manifest forever, so an image the pass pinned needs no second lookup
   */
  ImageResolution(EngineClient engine, RegistryAuth auth, java.util.Map<String, ArrayNode> platformsByDigest) {
    this.engine = engine;
    this.auth = auth;
    this.platformsByDigest = platformsByDigest;
  }

  /** Adds {@code :latest} when neither tag nor digest is written, as the CLI does. */
  static ImageReference tagged(ImageReference image) {
    return image.tag().isEmpty() && image.digest().isEmpty() ? image.withTag("latest") : image;
  }

  Resolved resolve(ImageReference written) throws UnreachableException {
    ImageReference image = tagged(written);
    ArrayNode known = image.digest().map(d -> platformsByDigest.get(image.name() + "@" + d)).orElse(null);
    if (known != null) {
      return new Resolved(image, known.deepCopy(), true);
    }
    ArrayNode platforms = SpecValues.NODES.arrayNode();
    String path = "/distribution/" + URLEncoder.encode(image.toString(), StandardCharsets.UTF_8).replace("%2F", "/")
        .replace("%3A", ":").replace("%40", "@") + "/json";
    JsonNode answer;
    try {
      answer = engine.find(path, auth.headersFor(image), "looking up image " + image).orElse(null);
    } catch (RefusedException e) {
      return new Resolved(image, platforms, false);
    }
    if (answer == null) {
      return new Resolved(image, platforms, false);
    }
    for (JsonNode platform : answer.path("Platforms")) {
      platforms.addObject()
          .put("Architecture", platform.path("architecture").asText())
          .put("OS", platform.path("os").asText());
    }
    String digest = answer.path("Descriptor").path("digest").asText("");
    if (!platforms.isEmpty() && (image.digest().isPresent() || !digest.isEmpty())) {
      platformsByDigest.put(image.name() + "@" + image.digest().orElse(digest), platforms.deepCopy());
    }
    if (image.digest().isPresent() || digest.isEmpty()) {
      return new Resolved(image, platforms, true);
    }
    return new Resolved(image.withDigest(digest), platforms, true);
  }
}
