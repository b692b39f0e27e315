package se.kth.aspen.core.commitstatus;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.FailureKind;
import se.kth.aspen.core.port.CommitStatus;
import se.kth.aspen.core.port.CommitStatuses;

/**
 * Turns a pass's deploys into commit statuses on the revision deployed, one context per target
 * ({@code aspen/<cluster>/<app>}): pending when its deploy starts, success once verified,
 * failure with the reason when it failed or is blocked. Unchanged and skipped targets post
 * nothing, and a status already posted for a revision, context and state is not posted again
 * (a blocked app is reported on every pass, its status once).
 *
 * <p>A failure to even try (the registry, Redis or Docker out of reach) says nothing of the
 * commit and posts nothing, unless its deploy had started: a pending status is never left behind.
 */
public final class CommitStatusReports {

  /** Remembered (revision, context, state) triples; the oldest are forgotten first. */
  private static final int REMEMBERED = 20_000;

  private final CommitStatuses forge;
  private final Optional<URI> publicUrl;
  private final Map<String, Boolean> posted = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  });

  /**
   * @param publicUrl Aspen's address as users reach it ({@code ASPEN_PUBLIC_URL}); each status
   *     links to the app in its API when set
   */
  public CommitStatusReports(CommitStatuses forge, Optional<URI> publicUrl) {
    this.forge = Objects.requireNonNull(forge, "forge");
    this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
  }

  /** {@code aspen/<cluster>/<app>}. */
  public static String context(String cluster, String application) {
    return "aspen/" + cluster + "/" + application;
  }

  /** The deploy of the target at this revision starts. */
  public void deployStarting(String revision, String cluster, String application) {
    post(revision, cluster, application, CommitStatus.State.PENDING, "deploying to " + cluster);
  }

  /** A target's result in a pass that deployed the revision. */
  public void finished(String revision, AppResult result) {
    String cluster = result.target().cluster();
    String application = result.target().application();
    switch (result.status()) {
      case DEPLOYED -> post(revision, cluster, application, CommitStatus.State.SUCCESS, "deployed to " + cluster + " and verified");
      case BLOCKED -> post(revision, cluster, application, CommitStatus.State.FAILURE, "BLOCKED: " + result.reason().orElse(""));
      case FAILED -> {
        boolean started = posted.containsKey(key(revision, context(cluster, application), CommitStatus.State.PENDING));
        if (result.failure().orElse(FailureKind.INTERNAL) != FailureKind.COULD_NOT_TRY || started) {
          post(revision, cluster, application, CommitStatus.State.FAILURE,
              "FAILED at " + result.step().orElse("?") + ": " + result.reason().orElse(""));
        }
      }
      default -> {
        // UNCHANGED, SKIPPED, CHANGED (a plan): nothing was deployed.
      }
    }
  }

  private void post(String revision, String cluster, String application, CommitStatus.State state, String description) {
    if (!revision.matches("[0-9a-f]{7,64}")) {
      return; // a directory registry's content hash is no commit
    }
    String context = context(cluster, application);
    if (posted.putIfAbsent(key(revision, context, state), Boolean.TRUE) != null) {
      return;
    }
    forge.post(new CommitStatus(revision, context, state, CommitStatus.oneLine(description), publicUrl.map(url -> link(url, cluster,
        application))));
  }

  private static URI link(URI base, String cluster, String application) {
    String root = base.toString().endsWith("/") ? base.toString() : base + "/";
    return URI.create(root + "api/v1/applications/" + segment(cluster) + "/" + segment(application));
  }

  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String key(String revision, String context, CommitStatus.State state) {
    return revision + " " + context + " " + state;
  }
}
