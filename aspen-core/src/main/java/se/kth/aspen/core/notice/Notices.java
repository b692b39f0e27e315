package se.kth.aspen.core.notice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.Replicas;

/** The notices of a deployed stack, from its services and labels by the old tool's rules. */
public final class Notices {

  private Notices() {}

  /** Recommended labels, each with what it should hold, for when it is missing. */
  static final Map<String, String> RECOMMENDED = recommended();

  private static Map<String, String> recommended() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("se.kth.publicName.english", "Name of the application in English");
    m.put("se.kth.publicName.swedish", "Name of the application in Swedish");
    m.put("se.kth.description.english", "What the application does, in English");
    m.put("se.kth.description.swedish", "What the application does, in Swedish");
    m.put("se.kth.importance", "low, medium or high");
    m.put("se.kth.detectify.profileToken", "the token of the application's Detectify scan profile");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The deployment notice, by the old tool's rules: the first service's image, front-end rule
   * path and {@code se.kth.*} labels; the last service's replicas.
   *
   * @param images the image each service was deployed with
   * @param frontEndRuleLabel {@code FRONT_END_RULE_LABEL}
   */
  public static DeploymentNotice deployment(
      String application, String cluster, StackModel stack, Map<String, ImageReference> images,
      String frontEndRuleLabel, Instant created) {
    Optional<ServiceSpec> first = StackLabels.firstService(stack);
    Optional<ImageReference> image = first.map(s -> images.get(s.name()));
    Optional<String> path = first.flatMap(s -> StackLabels.label(s, frontEndRuleLabel)).flatMap(Notices::pathOfRule);
    Replicas replicas = StackLabels.lastService(stack).flatMap(ServiceSpec::deploy)
        .map(d -> d.global() ? Replicas.global() : Replicas.count(d.replicas().orElse(1))).orElse(Replicas.count(1));
    Map<String, String> labels = first.map(StackLabels::teamLabels).orElse(Map.of());
    return new DeploymentNotice(application, cluster, image, path, created, replicas, labels);
  }

  /** What follows the first {@code :} of a front-end rule: {@code PathPrefix:/app/} gives {@code /app/}. */
  static Optional<String> pathOfRule(String rule) {
    int colon = rule.indexOf(':');
    return colon < 0 ? Optional.empty() : Optional.of(rule.substring(colon + 1).strip()).filter(s -> !s.isEmpty());
  }

  /** One recommendation per recommended label the first service lacks. */
  public static List<RecommendationNotice> recommendations(String application, StackModel stack) {
    Optional<ServiceSpec> first = StackLabels.firstService(stack);
    if (first.isEmpty()) {
      return List.of();
    }
    List<String> channels = StackLabels.channels(stack);
    List<RecommendationNotice> out = new ArrayList<>();
    RECOMMENDED.forEach((label, hint) -> {
      if (StackLabels.label(first.get(), label).filter(v -> !v.isBlank()).isEmpty()) {
        out.add(new RecommendationNotice.MissingLabel(application, label, hint, channels));
      }
    });
    return out;
  }

  /**
   * The channels for error, recovery and recommendation notices: every service's {@code
   * se.kth.slackChannels}, in file order, repeats kept, as the old tool combined them.
   */
  public static List<String> channels(StackModel stack) {
    return StackLabels.channels(stack);
  }
}
