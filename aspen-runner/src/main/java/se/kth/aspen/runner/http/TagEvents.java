package se.kth.aspen.runner.http;

import java.util.List;
import java.util.Map;
import java.util.Set;
import se.kth.aspen.core.catalogue.PushedImage;
import se.kth.aspen.core.catalogue.RepositoryStatus;
import se.kth.aspen.core.port.Deadline;

/** What the API asks of the runner's tag catalogue. */
public interface TagEvents {

  /** Every repository's list is fetched again before the next pass uses it. */
  void refreshAll();

  /** Every repository the catalogue keeps. */
  List<RepositoryStatus> statuses();

  /** Every repository's last good list, by name ({@code GET /api/v1/tags?lists=true}). */
  Map<String, List<String>> lists();

  /**
   * Fetches the pushed repository's tags now.
   *
   * @return the applications whose range of that repository takes the pushed tag
   */
  Set<String> pushed(PushedImage image, Deadline deadline);

  /** No catalogue: nothing kept, no app concerned. */
  static TagEvents none() {
    return new TagEvents() {
      @Override
      public void refreshAll() {}

      @Override
      public List<RepositoryStatus> statuses() {
        return List.of();
      }

      @Override
      public Map<String, List<String>> lists() {
        return Map.of();
      }

      @Override
      public Set<String> pushed(PushedImage image, Deadline deadline) {
        return Set.of();
      }
    };
  }
}
