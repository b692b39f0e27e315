package se.kth.aspen.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.runner.config.ConfigurationReader.Purpose;
import se.kth.aspen.runner.config.StartNotices.Notice;

class StartNoticesTest {

  @TempDir Path dir;

  private Map<String, String> env(String registry) throws IOException {
    Map<String, String> env = MinimalEnvironment.in(dir);
    env.put("REGISTRY_REPOSITORY_URL", registry);
    env.put("CLUSTERS_TO_DEPLOY", "active");
    return env;
  }

  private java.util.List<Notice> notices(Map<String, String> env) throws ConfigurationException {
    return StartNotices.of(env, ConfigurationReader.read(env, dir, Purpose.PASSES));
  }

  @Test
  void withoutRedisUrlOneLineSaysWhereStateIsKept() throws Exception {
    assertThat(notices(env(dir.toString()))).containsExactly(new Notice(false,
        "REDIS_URL is not set: state is kept in the embedded store " + dir.resolve("home/.local/state/aspen/state.json")
            + " (set REDIS_URL to keep it in Redis)"));
  }

  @Test
  void aFullyUsedEnvironmentGetsNoNotice() throws Exception {
    Map<String, String> env = env("https://git.example.org/registry.git");
    env.put("REDIS_URL", "redis://127.0.0.1:6390");
    env.put("REGISTRY_SUB_DIRECTORY", dir.resolve("clone").toString());

    assertThat(notices(env)).isEmpty();
  }

  @Test
  void eachRecognisedButUnusedOldNameIsWarnedAboutOnce() throws Exception {
    Map<String, String> env = env(dir.toString());
    env.put("REDIS_URL", "redis://127.0.0.1:6390");
    env.put("PUSH_TO_PROMETHEUS", "true");
    env.put("REGISTRY_SUB_DIRECTORY", "registry");
    env.put("SKIP_VALIDATION_TESTS", "1");
    env.put("VALIDATE_DEPLOYMENT_URL", "http://localhost/deploy");

    assertThat(notices(env)).extracting(Notice::warning).containsOnly(true);
    assertThat(notices(env)).extracting(Notice::text).containsExactly(
        "PUSH_TO_PROMETHEUS is set but not used: Aspen pushes no metrics; Prometheus scrapes them from GET /metrics",
        "REGISTRY_SUB_DIRECTORY is set but not used: the registry " + dir + " is a local directory, read in place",
        "SKIP_VALIDATION_TESTS is set but not used: it configured the old tool's own tests",
        "VALIDATE_DEPLOYMENT_URL is set but not used: it configured the old tool's own tests");
  }

  @Test
  void aRelativeRegistrySubDirectorySaysWhereTheCloneIsNow() throws Exception {
    Map<String, String> env = env("https://git.example.org/registry.git");
    env.put("REDIS_URL", "redis://127.0.0.1:6390");
    env.put("REGISTRY_SUB_DIRECTORY", "registry");

    assertThat(notices(env)).containsExactly(new Notice(true, "REGISTRY_SUB_DIRECTORY \"registry\" is relative: the clone is "
        + dir.resolve("registry") + ", under the working directory (the old tool put it under its own installation directory)"));
  }
}
