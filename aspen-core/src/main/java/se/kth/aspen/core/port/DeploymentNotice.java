package se.kth.aspen.core.port;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
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
 * @param reason why Aspen deployed when the reason is not a change in git ({@link #DRIFT}); empty
 *     for an ordinary deploy, whose notice is then exactly the old tool's
 */
public record DeploymentNotice(
    String applicationName,
    String cluster,
    String version,
    String imageName,
    Optional<String> applicationPath,
    Instant created,
    String replicas,
    Map<String, String> labelFields,
    Optional<String> reason) {

  /** The value of {@code replicas} for a global service. */
  public static final String GLOBAL = "global";

  /** The reason of a deploy that put back what a hand on the cluster had changed. */
  public static final String DRIFT = "drift";

  public DeploymentNotice {
    if (!replicas.equals(GLOBAL) && !replicas.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException("replicas is a count or global, not \"" + replicas + "\"");
    }
    labelFields = Map.copyOf(labelFields);
    Objects.requireNonNull(reason, "reason");
    if (reason.isPresent() && reason.get().isBlank()) {
      throw new IllegalArgumentException("a deploy's reason must not be blank");
    }
  }

  /** An ordinary deploy's notice: one for a change in git, with no reason of its own. */
  public DeploymentNotice(String applicationName, String cluster, String version, String imageName,
      Optional<String> applicationPath, Instant created, String replicas, Map<String, String> labelFields) {
    this(applicationName, cluster, version, imageName, applicationPath, created, replicas, labelFields, Optional.empty());
  }

  /** The same notice, for a deploy made for {@code why}. */
  public DeploymentNotice because(String why) {
    return new DeploymentNotice(applicationName, cluster, version, imageName, applicationPath, created, replicas,
        labelFields, Optional.of(why));
  }
}
