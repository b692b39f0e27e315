package se.kth.aspen.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.RecoveryNotice;
import se.kth.aspen.core.port.Replicas;

/** The JSON bodies, field for field as the old tool sent them to Alvares. */
final class NoticeJson {

  /** Stack label → field of the deployment body, in the order the old tool wrote them. */
  static final Map<String, String> LABEL_FIELDS = labelFields();

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
    return Collections.unmodifiableMap(m);
  }

  private final ObjectMapper mapper = new ObjectMapper();

  byte[] deployment(DeploymentNotice notice) {
    ObjectNode json = mapper.createObjectNode();
    json.put("applicationName", notice.application());
    json.put("cluster", notice.cluster());
    json.put("version", version(notice));
    json.put("imageName", imageName(notice));
    json.put("applicationPath", notice.applicationPath().orElse(null));
    json.put("created", created(notice.created()));
    // A number, or the string "global", as the old tool passed on what the stack file said.
    switch (notice.replicas()) {
      case Replicas.Count c -> json.put("replicas", c.value());
      case Replicas.Global g -> json.put("replicas", "global");
    }
    // Only on a deploy that git did not ask for (a drift put back): an ordinary deploy's body
    // stays exactly the old tool's.
    notice.reason().ifPresent(reason -> json.put("reason", reason.name().toLowerCase(Locale.ROOT)));
    // Only the labels the old tool knew, each under its field name; others stay out of the body.
    LABEL_FIELDS.forEach((label, field) -> {
      String value = notice.labels().get(label);
      if (value != null) {
        json.put(field, value);
      }
    });
    return write(json);
  }

  /** The first service's tag; empty when it has none, as the old tool sent it. */
  static String version(DeploymentNotice notice) {
    return notice.image().flatMap(ImageReference::tag).orElse("");
  }

  /** The last path segment of the first service's repository ({@code kth-azure-app} for {@code team/kth-azure-app}). */
  static String imageName(DeploymentNotice notice) {
    return notice.image().map(ImageReference::repository).map(r -> r.substring(r.lastIndexOf('/') + 1)).orElse("");
  }

  byte[] error(ErrorNotice notice) {
    List<String> channels = notice instanceof ErrorNotice.DeployFailed f ? f.channels() : List.of();
    Optional<String> trace = switch (notice) {
      case ErrorNotice.DeployFailed f -> f.stackTrace();
      case ErrorNotice.PassCrashed c -> Optional.of(c.stackTrace());
      default -> Optional.empty();
    };
    return errorBody(SlackText.error(notice), channels, trace);
  }

  /**
   * A recovery goes where the failure went, in the error body without a stack trace; only with
   * {@link HttpNotifier.Builder#sendRecoveries}.
   */
  byte[] recovery(RecoveryNotice notice) {
    return errorBody(SlackText.recovery(notice), notice.channels(), Optional.empty());
  }

  byte[] recommendation(RecommendationNotice notice) {
    ObjectNode json = mapper.createObjectNode();
    json.put("message", SlackText.recommendation(notice));
    json.put("slackChannels", SlackText.channels(notice.channels()).orElse(null));
    return write(json);
  }

  private byte[] errorBody(String message, List<String> channels, Optional<String> stackTrace) {
    ObjectNode json = mapper.createObjectNode();
    json.put("message", message);
    json.put("slackChannels", SlackText.channels(channels).orElse(null));
    json.put("stackTrace", stackTrace.orElse(null));
    return write(json);
  }

  /** Epoch seconds with milliseconds, as a string: {@code "1732486400.123"}. */
  static String created(Instant at) {
    long millis = at.toEpochMilli();
    return Math.floorDiv(millis, 1000) + "." + String.format("%03d", Math.floorMod(millis, 1000));
  }

  private byte[] write(ObjectNode json) {
    try {
      return mapper.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      // A tree of strings and numbers always serialises; this would be a Jackson defect.
      throw new IllegalStateException("cannot write a notification body as JSON: " + e.getMessage(), e);
    }
  }
}
