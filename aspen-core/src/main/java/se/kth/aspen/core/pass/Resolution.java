package se.kth.aspen.core.pass;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.compose.VersionRequest;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.version.TagCatalog;
import se.kth.aspen.core.version.UnsatisfiedRangeException;
import se.kth.aspen.core.version.VersionRange;

/**
 * Resolve: each version range of the stack becomes the highest tag within it, from the pass's tag
 * catalog (one listing per repository per pass).
 */
final class Resolution {

  /**
   * @param requests the stack's version ranges, as its parse found them
   * @param fixed the target's fixed variables ({@code APPLICATION_NAME}, {@code PORTILLO_CLUSTER}),
   *     which a repository name may use
   */
  record Input(List<VersionRequest> requests, Map<String, String> fixed, Deadline deadline) {}

  /** Each range variable's winning tag, by variable. */
  record Output(Map<String, String> resolved) {}

  private final TagCatalog catalog;
  private final RangeUses uses;

  Resolution(TagCatalog catalog, RangeUses uses) {
    this.catalog = catalog;
    this.uses = uses;
  }

  /** Resolves without remembering which application uses which range. */
  Resolution(TagCatalog catalog) {
    this(catalog, new RangeUses());
  }

  Output resolve(Input in) throws StepFailure {
    Map<String, String> resolved = new LinkedHashMap<>();
    resolveEach(in, resolved);
    return new Output(resolved);
  }

  /**
   * Resolves, remembering which application uses which range; a target whose stack and tag lists
   * are those of its last resolution takes that resolution's parse and tags ({@link RangeUses.Last}).
   */
  Output resolve(AppTarget target, Input in) throws StepFailure {
    if (in.requests().isEmpty()) {
      uses.resolved(target, List.of());
      return new Output(Map.of());
    }
    Optional<RangeUses.Last> last = uses.last(target).filter(l -> l.parsedFrom(in.requests(), in.fixed()));
    Map<String, String> resolved = new LinkedHashMap<>();
    List<RangeUses.Use> used = new ArrayList<>(in.requests().size());
    List<List<String>> lists = new ArrayList<>(in.requests().size());
    List<String> bests = new ArrayList<>(in.requests().size());
    boolean done = false;
    try {
      boolean same = last.isPresent();
      for (int i = 0; i < in.requests().size(); i++) {
        VersionRequest request = in.requests().get(i);
        RangeUses.Use use = last.isPresent() ? last.get().uses().get(i) : parse(request, in.fixed());
        used.add(use);
        List<String> tags = List.copyOf(tags(use.repository(), in.deadline()));
        same &= last.isPresent() && tags.equals(last.get().tags().get(i));
        String best = same ? last.get().bests().get(i) : best(request, use, tags);
        lists.add(tags);
        bests.add(best);
        resolved.put(request.variable(), best);
      }
      done = true;
      if (!same) {
        uses.resolved(target, new RangeUses.Last(in.requests(), in.fixed(), used, lists, bests));
      }
    } finally {
      if (!done) {
        // Also when a range has no tag yet: a push of one is what the app waits for.
        uses.resolved(target, used);
      }
    }
    return new Output(resolved);
  }

  private void resolveEach(Input in, Map<String, String> resolved) throws StepFailure {
    for (VersionRequest request : in.requests()) {
      RangeUses.Use use = parse(request, in.fixed());
      resolved.put(request.variable(), best(request, use, tags(use.repository(), in.deadline())));
    }
  }

  /** The request's range and repository, refused with its line when either is not one. */
  private static RangeUses.Use parse(VersionRequest request, Map<String, String> fixed) throws StepFailure {
    String where = "service " + request.service() + ": ";
    VersionRange range = VersionRange.read(request.range()).orElseThrow(() -> new StepFailure(Step.RESOLVE,
        FailureKind.INVALID, where + VersionRange.notAVersion(request.variable(), request.range()) + " (line "
        + request.line() + ")"));
    ImageReference repository;
    try {
      repository = ImageReference.parse(substitute(request.repositoryTemplate(), fixed) + ":0");
    } catch (IllegalArgumentException e) {
      throw new StepFailure(Step.RESOLVE, FailureKind.INVALID, where + e.getMessage() + " (line " + request.line() + ")");
    }
    return new RangeUses.Use(repository, range);
  }

  private List<String> tags(ImageReference repository, Deadline deadline) throws StepFailure {
    try {
      return catalog.tags(repository, deadline);
    } catch (PortException e) {
      throw StepFailure.of(Step.RESOLVE, e);
    }
  }

  private String best(VersionRequest request, RangeUses.Use use, List<String> tags) throws StepFailure {
    try {
      return catalog.best(use.repository(), use.range(), tags);
    } catch (UnsatisfiedRangeException e) {
      throw new StepFailure(Step.RESOLVE, FailureKind.INVALID, "service " + request.service() + ": " + e.getMessage());
    }
  }

  /** {@code ${NAME}} and {@code $NAME} of the fixed variables; anything else is left for the parse to refuse. */
  static String substitute(String template, Map<String, String> fixed) {
    String out = template;
    for (Map.Entry<String, String> v : fixed.entrySet()) {
      out = out.replace("${" + v.getKey() + "}", v.getValue()).replace("$" + v.getKey(), v.getValue());
    }
    return out;
  }

  /**
   * The images to deploy, each pinned to the digest its tag points at now when digests are asked
   * for: step Pin, done under the lease just before the deploy so that the digest is the newest.
   */
  static Map<String, ImageReference> pin(Map<String, ImageReference> images, Optional<DigestCatalog> digests,
      Deadline deadline) throws StepFailure {
    if (digests.isEmpty()) {
      return images;
    }
    Map<String, ImageReference> out = new LinkedHashMap<>();
    for (Map.Entry<String, ImageReference> e : images.entrySet()) {
      ImageReference image = e.getValue();
      if (image.digest().isPresent()) {
        out.put(e.getKey(), image);
        continue;
      }
      try {
        out.put(e.getKey(), image.withDigest(digests.get().digest(image, deadline)));
      } catch (PortException x) {
        throw StepFailure.of(Step.PIN, x);
      }
    }
    return out;
  }
}
