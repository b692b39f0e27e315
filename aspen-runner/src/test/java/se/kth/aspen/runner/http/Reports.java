package se.kth.aspen.runner.http;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.AppTarget;
import se.kth.aspen.core.pass.FailureKind;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.policy.PolicyName;
import se.kth.aspen.core.port.LeaseHolder;

/** Pass reports for tests. */
public final class Reports {

  private Reports() {}

  public static AppTarget target(String app, String cluster) {
    return new AppTarget(app, cluster, Path.of("/registry", app, cluster), app + "/" + cluster + "/docker-stack.yml");
  }

  public static AppResult deployed(String app, String cluster, String image) {
    return new AppResult(target(app, cluster), AppStatus.DEPLOYED, Optional.empty(), Optional.empty(),
        new TreeMap<>(Map.of("web", image)), Duration.ofMillis(1500), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(), List.of());
  }

  /** Blocked on a new state while the one deployed at {@code deployedAt} from {@code revision} keeps running. */
  public static AppResult blockedOver(String app, String cluster, Instant since, Instant deployedAt, String revision) {
    AppResult blocked = blocked(app, cluster, since);
    return new AppResult(blocked.target(), blocked.status(), blocked.step(), blocked.reason(), blocked.images(),
        blocked.duration(), blocked.failure(), blocked.blockedSince(), blocked.heldBy(), blocked.rolledBack(),
        blocked.warnings(), Optional.of(new AppResult.LastDeploy(deployedAt, revision)));
  }

  public static AppResult blocked(String app, String cluster, Instant since) {
    return new AppResult(target(app, cluster), AppStatus.BLOCKED, Optional.of("Verify"),
        Optional.of("service web did not converge: task failed (exit 1)"), new TreeMap<>(), Duration.ZERO,
        Optional.empty(), Optional.of(since), Optional.empty(), List.of(), List.of());
  }

  /** Left to another runner, which holds the lease; the images are the last recorded ones. */
  public static AppResult held(String app, String cluster, String runner, Instant since, String image) {
    return new AppResult(target(app, cluster), AppStatus.HELD, Optional.of("Lease"),
        Optional.of("being deployed by runner " + runner + " since " + since + ", which holds its lease; left to it"),
        new TreeMap<>(Map.of("web", image)), Duration.ZERO, Optional.empty(), Optional.empty(),
        Optional.of(new LeaseHolder(Optional.of(runner), Optional.of(since))), List.of(), List.of());
  }

  public static AppResult failed(String app, String cluster, String step, String reason) {
    return AppResult.failed(target(app, cluster), FailureKind.INVALID, step, reason);
  }

  public static PassReport report(String revision, AppResult... results) {
    return new PassReport(revision, Instant.parse("2026-11-25T21:00:00Z"), Duration.ofSeconds(3), List.of(results), List.of(),
        PolicyName.all());
  }
}
