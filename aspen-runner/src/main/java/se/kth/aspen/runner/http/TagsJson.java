package se.kth.aspen.runner.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import se.kth.aspen.core.catalogue.RepositoryStatus;

/**
 * {@code GET /api/v1/tags}: the tag catalogue, one entry per image repository; with {@code
 * ?lists=true} each entry's tags themselves too ({@code list}), which {@code plan --cached} reads.
 */
final class TagsJson {

  private TagsJson() {}

  static ObjectNode document(List<RepositoryStatus> statuses, Instant now) {
    return document(statuses, Map.of(), now);
  }

  /** @param lists the tag lists to include, by repository; empty for none */
  static ObjectNode document(List<RepositoryStatus> statuses, Map<String, List<String>> lists, Instant now) {
    ObjectNode root = Exchange.JSON.createObjectNode();
    ArrayNode list = root.putArray("repositories");
    for (RepositoryStatus status : statuses) {
      ObjectNode entry = list.addObject().put("repository", status.repository()).put("tags", status.tags());
      status.fetchedAt().ifPresent(at -> entry.put("fetchedAt", at.toString())
          .put("ageSeconds", Duration.between(at, now).toMillis() / 1000.0));
      entry.put("refreshDueAt", status.refreshDueAt().toString());
      status.lastProblem().ifPresent(problem -> entry.put("lastProblem", problem));
      List<String> tags = lists.get(status.repository());
      if (tags != null) {
        tags.forEach(entry.putArray("list")::add);
      }
    }
    return root;
  }
}
