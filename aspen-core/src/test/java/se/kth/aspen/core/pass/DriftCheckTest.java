package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.port.ClusterInventory;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.LiveService;
import se.kth.aspen.core.port.LiveStack;
import se.kth.aspen.core.port.SpecDifference;

class DriftCheckTest {

  private static final DeployRecord LAST_GOOD = new DeployRecord("fp-1", Instant.EPOCH, Map.of(), "rev");
  private static final Set<String> BOTH = Set.of("web", "db");

  private static LiveService ours(String name, String fingerprint, Map<String, String> labels, SpecDifference... differences) {
    return new LiveService(name, Optional.of("group"), Optional.of("active"), Optional.of(fingerprint), BOTH, List.of(differences), false, labels);
  }

  private static SpecDifference replicas(String service) {
    return new SpecDifference(service, "replicas", "replicas 2→0");
  }

  private static Optional<DriftCheck.Found> check(DriftPolicy configured, LiveService... services) {
    return DriftCheck.check(new ClusterInventory(Map.of("app", new LiveStack("app", List.of(services)))), "app", "group",
        LAST_GOOD, configured);
  }

  private static List<String> texts(Optional<DriftCheck.Found> found) {
    return found.orElseThrow().differences().stream().map(SpecDifference::toString).toList();
  }

  @Test
  void servicesRunningWhatWasRecordedAreNoDrift() {
    assertThat(check(DriftPolicy.REPORT, ours("web", "fp-1", Map.of()), ours("db", "fp-1", Map.of()))).isEmpty();
  }

  @Test
  void aJobLeftAloneBecauseItsSpecDidNotChangeKeepsAnEarlierFingerprintWithoutDrift() {
    LiveService job = ours("db", "fp-0", Map.of(DriftCheck.JOB_LABEL, "0a1b2c3d4e5f6a7b"));

    assertThat(check(DriftPolicy.REPORT, ours("web", "fp-1", Map.of()), job)).isEmpty();
    assertThat(texts(check(DriftPolicy.REPORT, ours("web", "fp-1", Map.of()), ours("db", "fp-0", Map.of()))))
        .containsExactly("db: runs the spec of another deploy (rolled back by hand?)");
  }

  @Test
  void aFieldChangedByHandIsDriftUnderTheConfiguredPolicy() {
    Optional<DriftCheck.Found> found = check(DriftPolicy.REVERT, ours("web", "fp-1", Map.of(), replicas("web")),
        ours("db", "fp-1", Map.of()));

    assertThat(found.orElseThrow().policy()).isEqualTo(DriftPolicy.REVERT);
    assertThat(found.get().describe()).isEqualTo("web: replicas 2→0");
  }

  @Test
  void aServiceRemovedOrAddedByHandIsDrift() {
    LiveService added = new LiveService("extra", Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), List.of(), false, Map.of());

    assertThat(texts(check(DriftPolicy.REPORT, ours("web", "fp-1", Map.of()), added)))
        .containsExactly("db: removed", "extra: added by hand");
  }

  @Test
  void aStackThatNoLongerRunsAtAllIsDrift() {
    Optional<DriftCheck.Found> found = DriftCheck.check(new ClusterInventory(Map.of()), "app", "group", LAST_GOOD,
        DriftPolicy.REPORT);

    assertThat(texts(found)).containsExactly("*: no service runs (stack removed)");
  }

  @Test
  void aServiceOnAnotherDeploysSpecIsDriftAndOneThatLeftTheFileIsNamedSo() {
    LiveService leftOver = new LiveService("old", Optional.of("group"), Optional.of("active"), Optional.of("fp-0"), Set.of("old"), List.of(), false,
        Map.of());

    assertThat(texts(check(DriftPolicy.REPORT, ours("web", "fp-1", Map.of()), ours("db", "fp-0", Map.of()), leftOver)))
        .containsExactly("db: runs the spec of another deploy (rolled back by hand?)",
            "old: not in the stack file any more (PRUNE removes it)");
  }

  @Test
  void ignoreRulesLeaveOutTheFieldsAnotherToolOwns() {
    Map<String, String> labels = Map.of(PassSettings.DRIFT_IGNORE_LABEL, "replicas, labels.traefik.*");
    SpecDifference traefik = new SpecDifference("web", "labels.traefik.http.port", "labels ~traefik.http.port");
    SpecDifference team = new SpecDifference("web", "labels.team", "labels ~team");

    assertThat(check(DriftPolicy.REPORT, ours("web", "fp-1", labels, replicas("web"), traefik), ours("db", "fp-1", Map.of())))
        .isEmpty();
    assertThat(texts(check(DriftPolicy.REPORT, ours("web", "fp-1", labels, replicas("web"), traefik, team),
        ours("db", "fp-1", Map.of())))).containsExactly("web: labels ~team");
  }

  @Test
  void aRuleCoversTheFieldsUnderItButNotOthersSharingItsPrefix() {
    assertThat(DriftCheck.ignoreRules("env")).singleElement().satisfies(rule -> {
      assertThat(rule.matcher("env.DEBUG").matches()).isTrue();
      assertThat(rule.matcher("env").matches()).isTrue();
      assertThat(rule.matcher("environment").matches()).isFalse();
    });
    assertThat(DriftCheck.ignoreRules("*.traefik.*").get(0).matcher("labels.traefik.port").matches()).isTrue();
  }

  @Test
  void theAppsPolicyLabelOverridesTheConfiguredPolicy() {
    Map<String, String> ignore = Map.of(PassSettings.DRIFT_LABEL, "ignore");
    Map<String, String> revert = Map.of(PassSettings.DRIFT_LABEL, "revert");

    assertThat(check(DriftPolicy.REPORT, ours("web", "fp-1", ignore, replicas("web")), ours("db", "fp-1", Map.of()))).isEmpty();
    assertThat(check(DriftPolicy.REPORT, ours("web", "fp-1", revert, replicas("web")), ours("db", "fp-1", Map.of())).orElseThrow()
        .policy()).isEqualTo(DriftPolicy.REVERT);
  }

  /** Read as every label is read (ServiceLabels): a value quoted once more, in either quotes, is the word inside. */
  @Test
  void thePolicyLabelQuotedOnceMoreInSingleOrDoubleQuotesIsStillRead() {
    for (String quoted : List.of("'revert'", "\"revert\"", " 'Revert' ")) {
      Map<String, String> revert = Map.of(PassSettings.DRIFT_LABEL, quoted);
      assertThat(check(DriftPolicy.REPORT, ours("web", "fp-1", revert, replicas("web")), ours("db", "fp-1", Map.of()))
          .orElseThrow().policy()).as(quoted).isEqualTo(DriftPolicy.REVERT);
    }
  }

  @Test
  void aStackStillRollingAnUpdateOrNotLabelledByThisGroupIsNotChecked() {
    LiveService settling = new LiveService("web", Optional.of("group"), Optional.of("active"), Optional.of("fp-1"), BOTH, List.of(replicas("web")), true,
        Map.of());
    LiveService othersGroup = new LiveService("web", Optional.of("other"), Optional.of("active"), Optional.of("fp-9"), BOTH, List.of(replicas("web")),
        false, Map.of());
    LiveService unlabelled = new LiveService("web", Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), List.of(), false, Map.of());

    assertThat(check(DriftPolicy.REPORT, settling, ours("db", "fp-1", Map.of()))).isEmpty();
    assertThat(check(DriftPolicy.REPORT, othersGroup)).isEmpty();
    assertThat(check(DriftPolicy.REPORT, unlabelled)).isEmpty();
  }
}
