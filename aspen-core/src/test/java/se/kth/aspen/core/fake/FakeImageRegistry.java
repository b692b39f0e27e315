package se.kth.aspen.core.fake;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;

/**
 * An image registry holding the tags the test pushes, by repository name ({@code
 * registry/repository} as {@link ImageReference#name()} gives it). Counts tag listings and digest
 * look-ups per repository, so tests can pin "fetched once per pass". Unknown repositories are
 * refused as a real registry's 404 would be; digests are derived from the reference, stable.
 */
public final class FakeImageRegistry implements ImageRegistry {

  private final Map<String, List<String>> tags = new ConcurrentHashMap<>();
  private final Map<String, PortException> failures = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> tagCalls = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> digestCalls = new ConcurrentHashMap<>();

  /** Sets the repository's tags, replacing any earlier ones. */
  public FakeImageRegistry push(String repositoryName, String... repositoryTags) {
    tags.put(repositoryName, List.of(repositoryTags));
    return this;
  }

  /** Calls about this repository throw the exception until {@link #recover}. */
  public FakeImageRegistry failWith(String repositoryName, PortException failure) {
    failures.put(repositoryName, failure);
    return this;
  }

  public FakeImageRegistry recover(String repositoryName) {
    failures.remove(repositoryName);
    return this;
  }

  public int tagCalls(String repositoryName) {
    return tagCalls.getOrDefault(repositoryName, new AtomicInteger()).get();
  }

  public int digestCalls(String repositoryName) {
    return digestCalls.getOrDefault(repositoryName, new AtomicInteger()).get();
  }

  /** Every call of either kind, over every repository. */
  public int totalCalls() {
    return tagCalls.values().stream().mapToInt(AtomicInteger::get).sum()
        + digestCalls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  @Override
  public List<String> tags(ImageReference repository, Deadline deadline) throws PortException {
    String name = repository.name();
    tagCalls.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
    check(name);
    List<String> known = tags.get(name);
    if (known == null) {
      throw new RefusedException("listing tags of " + name + ": no such repository (HTTP 404)");
    }
    return known;
  }

  @Override
  public String digest(ImageReference image, Deadline deadline) throws PortException {
    String name = image.name();
    digestCalls.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
    check(name);
    String tag = image.tag().orElseThrow(() -> new RefusedException("digest of " + image + ": no tag"));
    if (!tags.getOrDefault(name, List.of()).contains(tag)) {
      throw new RefusedException("digest of " + image + ": no such tag (HTTP 404)");
    }
    return digestOf(name + ":" + tag);
  }

  /** The digest this fake gives for {@code name:tag}. */
  public static String digestOf(String nameAndTag) {
    return "sha256:" + String.format("%064x", new java.math.BigInteger(1, sha256(nameAndTag)));
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void check(String name) throws PortException {
    PortException f = failures.get(name);
    if (f != null) {
      throw f;
    }
  }
}
