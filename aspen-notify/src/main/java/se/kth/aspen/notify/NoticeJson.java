package se.kth.aspen.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.RecoveryNotice;

/** The JSON bodies, field for field as the old tool sent them to Alvares. */
final class NoticeJson {

  /** The label fields in the contract's order; any other label field follows, by name. */
  private static final List<String> LABEL_ORDER = List.of(
      "slackChannels", "team", "publicNameSwedish", "publicNameEnglish", "descriptionSwedish",
      "descriptionEnglish", "importance", "detectifyProfileTokens", "monitorUrl", "monitorPattern",
      "testAccessibility", "accessibilityUrls", "publicUserDocumentationUrl",
      "privateOperationsDocumentationUrl");

  private static final Set<String> CORE_FIELDS = Set.of(
      "applicationName", "cluster", "version", "imageName", "applicationPath", "created", "replicas", "reason");

  private final ObjectMapper mapper = new ObjectMapper();

  byte[] deployment(DeploymentNotice notice) {
    ObjectNode json = mapper.createObjectNode();
    json.put("applicationName", notice.applicationName());
    json.put("cluster", notice.cluster());
    json.put("version", notice.version());
    json.put("imageName", notice.imageName());
    json.put("applicationPath", notice.applicationPath().orElse(null));
    json.put("created", created(notice.created()));
    // A number, or the string "global", as the old tool passed on what the stack file said.
    if (notice.replicas().equals(DeploymentNotice.GLOBAL)) {
      json.put("replicas", notice.replicas());
    } else {
      json.put("replicas", Integer.parseInt(notice.replicas()));
    }
    // Only on a deploy that git did not ask for (a drift put back): an ordinary deploy's body
    // stays exactly the old tool's.
    notice.reason().ifPresent(reason -> json.put("reason", reason));
    Map<String, String> labels = notice.labelFields();
    for (String name : LABEL_ORDER) {
      if (labels.containsKey(name)) {
        json.put(name, labels.get(name));
      }
    }
    // A label field can never replace a field the contract fills from the deploy itself.
    new TreeMap<>(labels).forEach((name, value) -> {
      if (!json.has(name) && !CORE_FIELDS.contains(name)) {
        json.put(name, value);
      }
    });
    return write(json);
  }

  byte[] error(ErrorNotice notice) {
    ObjectNode json = mapper.createObjectNode();
    json.put("message", notice.message());
    json.put("slackChannels", orNull(notice.slackChannels()));
    json.put("stackTrace", orNull(notice.stackTrace()));
    return write(json);
  }

  /**
   * A recovery goes where the failure went, in the error body, as the port's default does; only
   * with {@link HttpNotifier.Builder#sendRecoveries}.
   */
  byte[] recovery(RecoveryNotice notice) {
    return error(new ErrorNotice(notice.message(), notice.slackChannels(), Optional.empty()));
  }

  byte[] recommendation(RecommendationNotice notice) {
    ObjectNode json = mapper.createObjectNode();
    json.put("message", notice.message());
    json.put("slackChannels", orNull(notice.slackChannels()));
    return write(json);
  }

  /** Epoch seconds with milliseconds, as a string: {@code "1732486400.123"}. */
  static String created(Instant at) {
    long millis = at.toEpochMilli();
    return Math.floorDiv(millis, 1000) + "." + String.format("%03d", Math.floorMod(millis, 1000));
  }

  private static String orNull(Optional<String> value) {
    return value == null ? null : value.orElse(null);
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
