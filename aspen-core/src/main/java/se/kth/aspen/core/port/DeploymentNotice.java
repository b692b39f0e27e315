package se.kth.aspen.core.port;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A verified deploy (CONTRACT §7).
 *
 * @param version the resolved (or static) tag
 * @param imageName the image name without registry
 * @param applicationPath what follows {@code :} in the front-end rule label, if any
 * @param labelFields the contract's label fields by their JSON names ({@code slackChannels},
 *     {@code team}, {@code publicNameSwedish}...), surrounding quotes stripped
 */
public record DeploymentNotice(
    String applicationName,
    String cluster,
    String version,
    String imageName,
    Optional<String> applicationPath,
    Instant created,
    int replicas,
    Map<String, String> labelFields) {

  public DeploymentNotice {
    labelFields = Map.copyOf(labelFields);
  }
}
