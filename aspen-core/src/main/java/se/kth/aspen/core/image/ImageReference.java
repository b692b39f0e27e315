package se.kth.aspen.core.image;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as written in a stack file: {@code [registry/]repository[:tag][@digest]}.
 *
 * <p>The registry part is recognised as Docker does: the first path component is a registry
 * host when it contains a {@code .} or a {@code :}, or is {@code localhost}. Docker Hub names
 * keep their short form ({@code busybox}); a registry client that talks to Docker Hub adds its
 * {@code library/} prefix itself.
 *
 * @param registry the registry host[:port], empty for Docker Hub
 * @param repository the repository path, without registry, tag or digest
 * @param tag the tag, if written
 * @param digest the digest ({@code sha256:...}), if written
 */
public record ImageReference(
    Optional<String> registry, String repository, Optional<String> tag, Optional<String> digest) {

  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}");

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(digest, "digest");
    if (!REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException("\"" + repository + "\" is not a valid image repository name");
    }
    tag.ifPresent(t -> {
      if (!TAG.matcher(t).matches()) {
        throw new IllegalArgumentException("\"" + t + "\" is not a valid image tag");
      }
    });
    digest.ifPresent(d -> {
      if (!DIGEST.matcher(d).matches()) {
        throw new IllegalArgumentException("\"" + d + "\" is not a valid image digest");
      }
    });
  }

  /**
   * Reads a reference.
   *
   * @throws IllegalArgumentException naming the text when it is not a valid reference
   */
  public static ImageReference parse(String text) {
    Objects.requireNonNull(text, "text");
    try {
      String rest = text;
      Optional<String> digest = Optional.empty();
      int at = rest.indexOf('@');
      if (at >= 0) {
        digest = Optional.of(rest.substring(at + 1));
        rest = rest.substring(0, at);
      }
      Optional<String> registry = Optional.empty();
      int slash = rest.indexOf('/');
      if (slash > 0) {
        String first = rest.substring(0, slash);
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
          registry = Optional.of(first);
          rest = rest.substring(slash + 1);
        }
      }
      Optional<String> tag = Optional.empty();
      int colon = rest.lastIndexOf(':');
      if (colon >= 0) {
        tag = Optional.of(rest.substring(colon + 1));
        rest = rest.substring(0, colon);
      }
      return new ImageReference(registry, rest, tag, digest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "image \"" + text + "\" is not a valid reference: " + e.getMessage(), e);
    }
  }

  /** The same repository with another tag and no digest. */
  public ImageReference withTag(String newTag) {
    return new ImageReference(registry, repository, Optional.of(newTag), Optional.empty());
  }

  /** The same reference pinned to a digest, keeping its tag: {@code repo:tag@sha256:...}. */
  public ImageReference withDigest(String newDigest) {
    return new ImageReference(registry, repository, tag, Optional.of(newDigest));
  }

  /** {@code registry/repository}, without tag or digest. */
  public String name() {
    return registry.map(r -> r + "/").orElse("") + repository;
  }

  @Override
  public String toString() {
    return name() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }
}
