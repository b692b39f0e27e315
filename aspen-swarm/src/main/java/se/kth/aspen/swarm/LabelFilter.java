package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An Engine API {@code filters} query value selecting by labels ({@code {"label":{"k=v":true}}}),
 * built as JSON so that a stack or label name can never change the filter's shape.
 */
final class LabelFilter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode labels = JSON.createObjectNode();

  /** Objects that carry the label, whatever its value. */
  LabelFilter has(String label) {
    labels.put(label, true);
    return this;
  }

  /** Objects whose label has this value. */
  LabelFilter is(String label, String value) {
    labels.put(label + "=" + value, true);
    return this;
  }

  /** URL-encoded, ready for {@code ?filters=}. */
  String encoded() {
    ObjectNode filter = JSON.createObjectNode();
    filter.set("label", labels);
    return URLEncoder.encode(filter.toString(), StandardCharsets.UTF_8);
  }
}
