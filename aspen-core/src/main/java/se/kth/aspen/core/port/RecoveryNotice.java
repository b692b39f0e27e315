package se.kth.aspen.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import se.kth.aspen.core.image.ImageReference;

/**
 * A target that had failed deploys successfully again: the people told about the failure hear
 * that it is over.
 *
 * @param images every service's image as deployed
 * @param failedStep the step its last failure was in
 * @param failingSince when it first failed
 * @param channels the channels the stack's services name, in file order
 */
public record RecoveryNotice(String application, String cluster, List<ImageReference> images, String failedStep,
    Instant failingSince, List<String> channels) {

  public RecoveryNotice {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(cluster, "cluster");
    images = List.copyOf(images);
    Objects.requireNonNull(failedStep, "failedStep");
    Objects.requireNonNull(failingSince, "failingSince");
    channels = List.copyOf(channels);
  }
}
