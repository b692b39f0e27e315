package se.kth.aspen.core.catalogue;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.image.ImageReference;

/**
 * A tag a registry says was pushed.
 *
 * @param registry the registry's host[:port] as the sender named it; empty when it names none
 *     (Docker Hub)
 * @param repository the repository path within the registry ({@code team/app})
 * @param tag the tag pushed
 */
public record PushedImage(Optional<String> registry, String repository, String tag) {

  public PushedImage {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    if (repository.isBlank() || tag.isBlank()) {
      throw new IllegalArgumentException("a pushed image needs a repository and a tag");
    }
    registry = registry.filter(r -> !r.isBlank()).map(r -> r.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether an image a stack names is this repository. The paths must be equal (Docker Hub's
   * {@code library/} prefix aside); the registries must be equal when both are known. An image
   * without a registry host is looked up in the configured registry, whatever its host is called
   * there, so it matches a push to any registry.
   */
  public boolean names(ImageReference image) {
    if (!shortPath(image.repository()).equals(shortPath(repository))) {
      return false;
    }
    if (image.registry().isEmpty() || registry.isEmpty()) {
      return true;
    }
    return image.registry().get().toLowerCase(Locale.ROOT).equals(registry.get());
  }

  private static String shortPath(String path) {
    return path.startsWith("library/") ? path.substring("library/".length()) : path;
  }

  @Override
  public String toString() {
    return registry.map(r -> r + "/").orElse("") + repository + ":" + tag;
  }
}
