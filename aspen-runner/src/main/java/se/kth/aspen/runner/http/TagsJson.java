package se.kth.aspen.runner.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import se.kth.aspen.core.catalogue.RepositoryStatus;

/** {@code GET /api/v1/tags}: the tag catalogue, one entry per image repository. */
final class TagsJson {

  private TagsJson() {}

  static ObjectNode document(List<RepositoryStatus> statuses, Instant now) {
    ObjectNode root = Exchange.JSON.createObjectNode();
    ArrayNode list = root.putArray("repositories");
    for (RepositoryStatus status : statuses) {
      ObjectNode entry = list.addObject().put("repository", status.repository()).put("tags", status.tags());
      status.fetchedAt().ifPresent(at -> entry.put("fetchedAt", at.toString())
          .put("ageSeconds", Duration.between(at, now).toMillis() / 1000.0));
      entry.put("refreshDueAt", status.refreshDueAt().toString());
      status.lastProblem().ifPresent(problem -> entry.put("lastProblem", problem));
    }
    return root;
  }
}
