package se.kth.aspen.core.port;

import java.util.List;
import se.kth.aspen.core.image.ImageReference;

/** The Docker image registry: tags of a repository, digests of a tag. */
public interface ImageRegistry {

  /**
   * Every tag of the image's repository (the reference's tag and digest are ignored), in the
   * registry's order. The pass asks once per repository per pass.
   *
   * @throws RefusedException for an unknown repository or rejected credentials
   * @throws UnreachableException when the registry cannot be reached in time
   */
  List<String> tags(ImageReference repository, Deadline deadline) throws PortException;

  /**
   * The manifest digest ({@code sha256:...}) the reference's tag points at now, for pinning.
   *
   * @throws RefusedException for an unknown repository or tag, or rejected credentials
   * @throws UnreachableException when the registry cannot be reached in time
   */
  String digest(ImageReference image, Deadline deadline) throws PortException;

  /**
   * Says the tags of this repository will be asked for soon (the pass has just found it in a
   * stack), so that an implementation that keeps lists can start fetching now. Returns at once
   * and never throws: whatever goes wrong is met again, and reported, by the ask itself. Does
   * nothing unless overridden.
   */
  default void prefetch(ImageReference repository) {
  }
}
