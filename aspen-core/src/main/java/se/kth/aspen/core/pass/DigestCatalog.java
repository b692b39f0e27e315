package se.kth.aspen.core.pass;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.PortException;

/** The digests a pass pinned, by image: one look-up per image per pass, shared by its clusters. */
final class DigestCatalog {

  private final ImageRegistry registry;
  private final Duration requestTimeout;
  private final Map<String, String> digests = new ConcurrentHashMap<>();

  DigestCatalog(ImageRegistry registry, Duration requestTimeout) {
    this.registry = registry;
    this.requestTimeout = requestTimeout;
  }

  String digest(ImageReference image, Deadline deadline) throws PortException {
    String key = image.toString();
    String known = digests.get(key);
    if (known != null) {
      return known;
    }
    String digest = registry.digest(image, deadline.atMost(requestTimeout));
    digests.put(key, digest);
    return digest;
  }
}
