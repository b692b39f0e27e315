package se.kth.aspen.core.port;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A verified deploy, with what the old tool's deployment notice carried.
 *
 * @param version the resolved (or static) tag
 * @param imageName the last path segment of the image's repository ({@code kth-azure-app} for
 *     {@code registry.example.org/team/kth-azure-app}), as the old tool sent it
 * @param applicationPath what follows {@code :} in the front-end rule label, if any
 * @param replicas the last service's {@code deploy.replicas} as digits, or {@code global} for a
 *     global service, as the old tool sent it
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
    String replicas,
    Map<String, String> labelFields) {

  /** The value of {@code replicas} for a global service. */
  public static final String GLOBAL = "global";

  public DeploymentNotice {
    if (!replicas.equals(GLOBAL) && !replicas.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException("replicas is a count or global, not \"" + replicas + "\"");
    }
    labelFields = Map.copyOf(labelFields);
  }
}
