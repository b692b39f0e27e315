package se.kth.aspen.swarm.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterEndpoint;
import se.kth.aspen.core.port.RefusedException;

/**
 * The cluster status document: a JSON array of objects. The cluster's key is
 * {@code status} when present, else {@code name}; the endpoint is {@code load_balancer_ip} or
 * {@code lb_ip}; {@code preparing} is optional; other fields are ignored. An entry that cannot
 * be used is set aside with a reason naming its index, and the others are still served; a
 * document that is not a JSON array, or whose entries are all unusable, is refused.
 */
final class ClusterStatusParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The clusters found, and what was wrong with the entries that were set aside. */
  record Parsed(List<Cluster> clusters, List<String> problems) {
    Parsed {
      clusters = List.copyOf(clusters);
      problems = List.copyOf(problems);
    }
  }

  Parsed parse(byte[] document, String source) throws RefusedException {
    String attempt = "reading clusters from " + source;
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (JsonProcessingException e) {
      throw new RefusedException(attempt + ": malformed JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + " (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new RefusedException(attempt + ": malformed JSON (" + e.getMessage() + ")", e);
    }
    if (root == null || root.isMissingNode()) {
      throw new RefusedException(attempt + ": the document is empty, not a JSON array");
    }
    if (!root.isArray()) {
      throw new RefusedException(attempt + ": expected a JSON array of clusters, found a JSON "
          + root.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    List<Cluster> clusters = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int index = 0; index < root.size(); index++) {
      try {
        Cluster cluster = entry(root.get(index));
        Integer earlier = firstIndex.putIfAbsent(cluster.name(), index);
        if (earlier != null) {
          throw new IllegalArgumentException("cluster \"" + cluster.name() + "\" is listed already at entry ["
              + earlier + "]; the first one is used");
        }
        clusters.add(cluster);
      } catch (IllegalArgumentException e) {
        problems.add(attempt + ": entry [" + index + "] " + e.getMessage());
      }
    }
    if (clusters.isEmpty() && !problems.isEmpty()) {
      throw new RefusedException(attempt + ": none of its " + root.size() + " entries is usable ("
          + String.join("; ", problems.stream().map(p -> p.substring(attempt.length() + 2)).toList()) + ")");
    }
    return new Parsed(clusters, problems);
  }

  private static Cluster entry(JsonNode entry) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException("is not a JSON object");
    }
    String name = text(entry, "status").or(() -> text(entry, "name"))
        .orElseThrow(() -> new IllegalArgumentException("has neither \"status\" nor \"name\""));
    String endpoint = text(entry, "load_balancer_ip").or(() -> text(entry, "lb_ip"))
        .orElseThrow(() -> new IllegalArgumentException(
            "(cluster \"" + name + "\") has neither \"load_balancer_ip\" nor \"lb_ip\""));
    ClusterEndpoint parsed;
    try {
      parsed = ClusterEndpoint.parse(endpoint);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("(cluster \"" + name + "\"): " + e.getMessage(), e);
    }
    return new Cluster(name, parsed, preparing(entry, name));
  }

  private static boolean preparing(JsonNode entry, String name) {
    JsonNode value = entry.path("preparing");
    if (value.isMissingNode() || value.isNull()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && List.of("true", "false").contains(value.asText().strip().toLowerCase(Locale.ROOT))) {
      return Boolean.parseBoolean(value.asText().strip());
    }
    throw new IllegalArgumentException("(cluster \"" + name + "\") has \"preparing\": " + value + ", not true or false");
  }

  /** A field's text when it is present, textual and not blank; a null counts as absent. */
  private static Optional<String> text(JsonNode entry, String field) {
    JsonNode value = entry.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException("has \"" + field + "\": " + value + ", not a non-empty string");
    }
    return Optional.of(value.asText().strip());
  }
}
