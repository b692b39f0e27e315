package se.kth.aspen.runner.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The fewest settings a configuration for passes reads without a problem, all inside a test's
 * directory: the directory itself as the registry, an empty cluster list file, every cluster
 * selected, a home of its own. Tests add or replace what they are about.
 */
final class MinimalEnvironment {

  private MinimalEnvironment() {}

  /** A new, changeable map; writes the empty cluster list into {@code dir}. */
  static Map<String, String> in(Path dir) throws IOException {
    Path clusters = Files.writeString(dir.resolve("clusters.json"), "[]");
    Map<String, String> env = new HashMap<>();
    env.put("HOME", dir.resolve("home").toString());
    env.put("REGISTRY_REPOSITORY_URL", dir.toString());
    env.put("CLUSTER_STATUS_API_URL", clusters.toString());
    env.put("CLUSTER_STATUS_URL_IS_FILE", "yes");
    env.put("CLUSTERS_TO_DEPLOY", "*");
    return env;
  }
}
