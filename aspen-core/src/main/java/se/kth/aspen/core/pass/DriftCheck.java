package se.kth.aspen.core.pass;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import se.kth.aspen.core.compose.ServiceLabels;
import se.kth.aspen.core.port.ClusterInventory;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.LiveService;
import se.kth.aspen.core.port.LiveStack;
import se.kth.aspen.core.port.SpecDifference;

/**
 * Drift: an app whose desired state did not change, but whose services no longer run what Aspen
 * deployed (changed by hand, scaled, removed). Only stacks Aspen labelled as this group's are
 * compared; a stack still rolling an update is not drift until it settles; fields named by the
 * app's ignore label ({@value PassSettings#DRIFT_IGNORE_LABEL}) are left out, and the app's
 * policy label ({@value PassSettings#DRIFT_LABEL}) overrides the configured policy.
 */
final class DriftCheck {


  private static final String RULE_SEPARATORS = ",;";

  /** What differs, and what to do about it (never IGNORE). */
  record Found(DriftPolicy policy, List<SpecDifference> differences) {
    Found {
      differences = List.copyOf(differences);
    }

    /** {@code web: env +DEBUG; web: replicas 2→0}. */
    String describe() {
      return String.join("; ", differences.stream().map(SpecDifference::toString).toList());
    }
  }

  /** The label the orchestrator gives a job service, with the digest of the spec it last ran. */
  static final String JOB_LABEL = "se.kth.aspen.job-spec";

  private DriftCheck() {}

  /**
   * @param inventory the cluster as listed this pass
   * @param stack the app's stack name
   * @param group this runner's management group
   * @param lastGood the recorded deploy the app is unchanged from
   * @param configured {@code DRIFT_POLICY}
   * @return empty when there is no drift worth acting on
   */
  static Optional<Found> check(ClusterInventory inventory, String stack, String group, DeployRecord lastGood,
      DriftPolicy configured) {
    Optional<LiveStack> found = inventory.stack(stack);
    if (found.isEmpty()) {
      if (configured == DriftPolicy.IGNORE) {
        return Optional.empty();
      }
      return Optional.of(new Found(configured, List.of(new SpecDifference("*", "service", "no service runs (stack removed)"))));
    }
    List<LiveService> services = found.get().services();
    List<LiveService> managed = services.stream().filter(s -> s.managedBy().filter(group::equals).isPresent()).toList();
    if (managed.isEmpty() || services.stream().anyMatch(LiveService::settling)) {
      return Optional.empty();
    }
    // A job whose spec did not change is not updated (that would run it again), so it keeps the
    // fingerprint of the deploy that last ran it.
    List<LiveService> current = managed.stream().filter(s -> s.fingerprint().filter(lastGood.fingerprint()::equals).isPresent()
        || s.recordedLabels().containsKey(JOB_LABEL)).toList();
    Map<String, String> labels = new TreeMap<>();
    (current.isEmpty() ? managed : current).forEach(s -> labels.putAll(s.recordedLabels()));
    DriftPolicy policy = Optional.ofNullable(labels.get(PassSettings.DRIFT_LABEL)).flatMap(DriftPolicy::parse).orElse(configured);
    if (policy == DriftPolicy.IGNORE) {
      return Optional.empty();
    }
    Set<String> expected = new TreeSet<>();
    current.forEach(s -> expected.addAll(s.siblings()));
    Set<String> running = new TreeSet<>();
    services.forEach(s -> running.add(s.name()));
    List<SpecDifference> differences = new ArrayList<>();
    if (current.isEmpty()) {
      differences.add(new SpecDifference("*", "deploy", "runs the spec of another deploy (rolled back by hand?)"));
    }
    for (String name : expected) {
      if (!running.contains(name)) {
        differences.add(new SpecDifference(name, "service", "removed"));
      }
    }
    for (LiveService service : services) {
      if (service.managedBy().isEmpty()) {
        differences.add(new SpecDifference(service.name(), "service", "added by hand"));
      } else if (!current.isEmpty() && !current.contains(service)) {
        differences.add(expected.contains(service.name())
            ? new SpecDifference(service.name(), "deploy", "runs the spec of another deploy (rolled back by hand?)")
            : new SpecDifference(service.name(), "service", "not in the stack file any more (PRUNE removes it)"));
      } else {
        differences.addAll(service.differences());
      }
    }
    if (differences.isEmpty()) {
      // The common case, every pass for every app: no ignore rule to compile.
      return Optional.empty();
    }
    List<Pattern> ignored = ignoreRules(labels.getOrDefault(PassSettings.DRIFT_IGNORE_LABEL, ""));
    differences.removeIf(d -> ignored.stream().anyMatch(rule -> rule.matcher(d.field()).matches()));
    differences.sort(Comparator.comparing(SpecDifference::service));
    return differences.isEmpty() ? Optional.empty() : Optional.of(new Found(policy, differences));
  }

  /**
   * {@code replicas,labels.traefik.*}: each rule names a field, or with {@code *} any run of
   * characters; a rule also covers the fields under it ({@code env} covers {@code env.DEBUG}).
   */
  static List<Pattern> ignoreRules(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    return ServiceLabels.list(text, RULE_SEPARATORS).stream()
        .map(r -> {
          StringBuilder regex = new StringBuilder();
          String[] parts = r.split("\\*", -1);
          for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
          }
          return Pattern.compile(regex + "(\\..*)?");
        })
        .toList();
  }
}
