package se.kth.aspen.core.port;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.image.ImageReference;

/**
 * A verified deploy, with the facts people are told about it. Which service gives which fact is
 * the old tool's rule: the first service of the stack file gives the image, the path and the
 * labels; the last one gives the replicas.
 *
 * @param application the app's name
 * @param cluster the cluster it was deployed to
 * @param image the first service's image as deployed (its tag is the version), empty for a stack
 *     without services
 * @param applicationPath what follows {@code :} in the first service's front-end rule label, if any
 * @param created when the deploy was verified
 * @param replicas the last service's replicas
 * @param labels the first service's {@code se.kth.*} labels (team, public names, channels...),
 *     surrounding quotes stripped, by label name
 * @param reason why Aspen deployed when the reason is not a change in git; empty for an
 *     ordinary deploy
 */
public record DeploymentNotice(
    String application,
    String cluster,
    Optional<ImageReference> image,
    Optional<String> applicationPath,
    Instant created,
    Replicas replicas,
    Map<String, String> labels,
    Optional<Reason> reason) {

  /** Why a deploy was made that git did not ask for. */
  public enum Reason {
    /** It put back what a hand on the cluster had changed. */
    DRIFT
  }

  public DeploymentNotice {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(applicationPath, "applicationPath");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(replicas, "replicas");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(reason, "reason");
  }

  /** An ordinary deploy's notice: one for a change in git, with no reason of its own. */
  public DeploymentNotice(String application, String cluster, Optional<ImageReference> image,
      Optional<String> applicationPath, Instant created, Replicas replicas, Map<String, String> labels) {
    this(application, cluster, image, applicationPath, created, replicas, labels, Optional.empty());
  }

  /** The same notice, for a deploy made for {@code why}. */
  public DeploymentNotice because(Reason why) {
    return new DeploymentNotice(application, cluster, image, applicationPath, created, replicas, labels,
        Optional.of(why));
  }
}
