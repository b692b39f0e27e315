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

/** The notices the old tool sent, built from a deployed stack's labels by its rules. */
public final class Notices {

  private Notices() {}

  /** Contract label → JSON field of the deployment notice, in the contract's order. */
  static final Map<String, String> LABEL_FIELDS = labelFields();

  /** Recommended labels, each with the hint shown when it is missing. */
  static final Map<String, String> RECOMMENDED = recommended();

  private static Map<String, String> labelFields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("se.kth.slackChannels", "slackChannels");
    m.put("se.kth.team", "team");
    m.put("se.kth.publicName.swedish", "publicNameSwedish");
    m.put("se.kth.publicName.english", "publicNameEnglish");
    m.put("se.kth.description.swedish", "descriptionSwedish");
    m.put("se.kth.description.english", "descriptionEnglish");
    m.put("se.kth.importance", "importance");
    m.put("se.kth.detectify.profileToken", "detectifyProfileTokens");
    m.put("se.kth.monitorUrl", "monitorUrl");
    m.put("se.kth.monitorPattern", "monitorPattern");
    m.put("se.kth.testAccessibility", "testAccessibility");
    m.put("se.kth.accessibilityUrls", "accessibilityUrls");
    m.put("se.kth.publicUserDocumentationUrl", "publicUserDocumentationUrl");
    m.put("se.kth.privateOperationsDocumentationUrl", "privateOperationsDocumentationUrl");
    return java.util.Collections.unmodifiableMap(m);
  }

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
   * The deployment notice, by the old tool's rules: the first service's version, image name (the
   * last segment of its repository), front-end rule path and label fields; the last service's
   * replicas ({@code global} for a global one).
   *
   * @param images the image each service was deployed with
   * @param frontEndRuleLabel {@code FRONT_END_RULE_LABEL}
   */
  public static DeploymentNotice deployment(
      String application, String cluster, StackModel stack, Map<String, ImageReference> images,
      String frontEndRuleLabel, Instant created) {
    Optional<ServiceSpec> first = StackLabels.firstService(stack);
    Optional<ImageReference> image = first.map(s -> images.get(s.name()));
    String version = image.flatMap(ImageReference::tag).orElse("");
    String imageName = image.map(ImageReference::repository).map(r -> r.substring(r.lastIndexOf('/') + 1)).orElse("");
    Optional<String> path = first.flatMap(s -> StackLabels.label(s, frontEndRuleLabel)).flatMap(Notices::pathOfRule);
    String replicas = StackLabels.lastService(stack).flatMap(ServiceSpec::deploy)
        .map(d -> d.global() ? DeploymentNotice.GLOBAL : d.replicas().orElse(1).toString()).orElse("1");
    Map<String, String> fields = new LinkedHashMap<>();
    first.ifPresent(s -> LABEL_FIELDS.forEach((label, field) -> StackLabels.label(s, label).ifPresent(v -> fields.put(field, v))));
    return new DeploymentNotice(application, cluster, version, imageName, path, created, replicas, fields);
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
    Optional<String> channels = StackLabels.slackChannels(stack);
    List<RecommendationNotice> out = new ArrayList<>();
    RECOMMENDED.forEach((label, hint) -> {
      if (StackLabels.label(first.get(), label).filter(v -> !v.isBlank()).isEmpty()) {
        out.add(new RecommendationNotice(
            "*" + application + "*: Recommended docker-stack.yml config\n `" + label + "=\"" + hint + "\"`", channels));
      }
    });
    return out;
  }

  /**
   * The slack channels for error, recovery and recommendation notices: every service's {@code
   * se.kth.slackChannels}, joined with {@code ,} in file order, as the old tool combined them.
   */
  public static Optional<String> slackChannels(StackModel stack) {
    return StackLabels.slackChannels(stack);
  }
}
