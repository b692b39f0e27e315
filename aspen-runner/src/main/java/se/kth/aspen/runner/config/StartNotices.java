package se.kth.aspen.runner.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a runner says once when it starts, so that an environment carried over from the old tool
 * changes nothing silently: where state is kept when {@code REDIS_URL} is unset, and each name
 * the old tool read that Aspen recognises but does not use.
 */
public final class StartNotices {

  /**
   * One line to log at start.
   *
   * @param warning true: something the operator probably wants to change; false: for information
   */
  public record Notice(boolean warning, String text) {
    public Notice {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Names only the old tool's own tests read. */
  private static final List<String> OLD_TEST_SETTINGS =
      List.of("SKIP_VALIDATION_TESTS", "VALIDATE_DEPLOYMENT_URL", "VALIDATE_ERROR_URL", "VALIDATE_RECOMMENDATION_URL");

  private StartNotices() {}

  /**
   * The notices for a configuration read from {@code env}, in a fixed order.
   *
   * @param env the environment the configuration was read from; blank values count as unset
   */
  public static List<Notice> of(Map<String, String> env, Configuration configuration) {
    List<Notice> notices = new ArrayList<>();
    if (configuration.redisUrl().isEmpty()) {
      notices.add(new Notice(false, "REDIS_URL is not set: state is kept in the embedded store "
          + configuration.stateDir().resolve("state.json") + " (set REDIS_URL to keep it in Redis)"));
    }
    if (set(env, "PUSH_TO_PROMETHEUS")) {
      notices.add(new Notice(true, "PUSH_TO_PROMETHEUS is set but not used: Aspen pushes no metrics;"
          + " Prometheus scrapes them from GET /metrics"));
    }
    if (set(env, "REGISTRY_SUB_DIRECTORY")) {
      String written = env.get("REGISTRY_SUB_DIRECTORY").strip();
      if (configuration.registry().orElse(null) instanceof RepositoryLocation.LocalDirectory local) {
        notices.add(new Notice(true, "REGISTRY_SUB_DIRECTORY is set but not used: the registry " + local.path()
            + " is a local directory, read in place"));
      } else if (!Path.of(written).isAbsolute()) {
        notices.add(new Notice(true, "REGISTRY_SUB_DIRECTORY \"" + written + "\" is relative: the clone is "
            + configuration.registryClone() + ", under the working directory (the old tool put it under its own"
            + " installation directory)"));
      }
    }
    for (String name : OLD_TEST_SETTINGS) {
      if (set(env, name)) {
        notices.add(new Notice(true, name + " is set but not used: it configured the old tool's own tests"));
      }
    }
    return List.copyOf(notices);
  }

  private static boolean set(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }
}
