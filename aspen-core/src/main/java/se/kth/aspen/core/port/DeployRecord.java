package se.kth.aspen.core.port;

import java.time.Instant;
import java.util.Map;

/**
 * A verified deploy.
 *
 * @param fingerprint the desired state that was deployed
 * @param images the image each service was deployed with
 * @param revision the registry revision it came from
 */
public record DeployRecord(String fingerprint, Instant at, Map<String, String> images, String revision) {

  public DeployRecord {
    images = Map.copyOf(images);
  }
}
