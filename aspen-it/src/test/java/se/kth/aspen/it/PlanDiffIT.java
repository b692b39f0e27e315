package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.testenv.TestEnvironment;
import se.kth.aspen.runner.cli.Cli;
import se.kth.aspen.runner.cli.CliContext;

/**
 * {@code aspen plan --diff} on real revisions of a git registry, with ranges resolved against the
 * real Docker registry: a repository of the test's own gains a tag between the revisions, so the
 * head's range moves to it. No cluster, state store or vault key is configured.
 */
class PlanDiffIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestEnvironment ENV = TestEnvironment.get();
  private static final RegistryImages IMAGES = new RegistryImages();
  private static final String REPOSITORY = "it-diff-" + UUID.randomUUID().toString().substring(0, 8);

  @TempDir
  static Path dir;

  private static GitRemote git;
  private static String first;
  private static String digest100;
  private static String rangeMoved;
  private static String digest110;

  @BeforeAll
  static void twoRevisions() throws Exception {
    git = new GitRemote(dir.resolve("git"));
    digest100 = IMAGES.push(REPOSITORY, "1.0.0_a", "1.0.0_abc");
    String image = ENV.registryHost() + "/" + REPOSITORY + ":${WEB_VERSION}";
    git.write("app-moved/active/docker-stack.yml", stack(image, "~1.0.0", "A", "1"));
    git.write("app-secret/active/docker-stack.yml", stack(image, "~1.0.0", "B", "1").replace("    environment:\n",
        "    env_file:\n      - secrets.decrypted.env\n    environment:\n"));
    git.write("app-secret/active/secrets.env", "$ANSIBLE_VAULT;1.1;AES256\n3132333435\n");
    git.write("app-removed/active/docker-stack.yml", stack(image, "~1.0.0", "C", "1"));
    git.write("app-policy/stage/docker-stack.yml", stack(image, "~1.0.0", "D", "1"));
    git.write("app-same/active/docker-stack.yml", stack(image, "~1.0.0", "E", "1"));
    first = git.commitAndPush("base");

    digest110 = IMAGES.push(REPOSITORY, "1.1.0_b", "1.2.3_def");
    git.write("app-moved/active/docker-stack.yml", stack(image, "~1.1.0", "A", "1"));
    rangeMoved = git.commitAndPush("move the range to the new tag");

    git.write("app-moved/active/docker-stack.yml", stack(image, "~1.1.0", "A", "2"));
    git.write("app-secret/active/secrets.env", "$ANSIBLE_VAULT;1.1;AES256\n3637383930\n");
    git.delete("app-removed");
    // The added app waits for a job and binds the engine's socket: its waves and a host-bind warning show.
    StackFile added = StackFile.web();
    added.service("web").image(image).range("~1.0.0").env("F", "1").dependsOn("migrate", "service_completed_successfully");
    added.add(new StackFile.Service("migrate").image(image).range("~1.0.0").job());
    git.write("app-added/stage/docker-stack.yml", added.yaml().replace("    stop_grace_period: 1s\n",
        "    stop_grace_period: 1s\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n"));
    git.write("app-policy/stage/docker-stack.yml", stack(image, "~1.0.0", "D", "1").replace("          memory: 32M\n", ""));
    git.commitAndPush("everything else");
  }

  @AfterAll
  static void cleanUp() {
    IMAGES.removePushed();
    if (git != null) {
      git.close();
    }
  }

  @Test
  void aRangeMovedByANewTagShowsBothResolvedTagsAndDigestsAndExitsZero() throws Exception {
    Result run = run("plan", "--diff", first + ".." + rangeMoved, "--format", "json");

    assertThat(run.code).as(run.err).isZero();
    JsonNode doc = JSON.readTree(run.out);
    assertThat(doc.path("targets")).hasSize(1);
    JsonNode target = doc.path("targets").get(0);
    assertThat(target.path("path").asText()).isEqualTo("app-moved/active/docker-stack.yml");
    assertThat(target.path("change").asText()).isEqualTo("CHANGED");
    JsonNode image = target.path("services").get(0).path("fields").get(0);
    assertThat(image.path("field").asText()).isEqualTo("image");
    assertThat(image.path("before").asText()).isEqualTo(ENV.registryHost() + "/" + REPOSITORY + ":1.0.0_a@" + digest100);
    assertThat(image.path("after").asText()).isEqualTo(ENV.registryHost() + "/" + REPOSITORY + ":1.1.0_b@" + digest110);
    assertThat(doc.path("summary").asText()).isEqualTo("1 app changes");
  }

  @Test
  void addedRemovedChangedSecretAndBrokenPolicyAreAllReportedAndTheBreakExitsOne() throws Exception {
    Result run = run("plan", "--diff", first + "..main", "--format", "json");

    assertThat(run.code).as(run.err).isEqualTo(1);
    JsonNode doc = JSON.readTree(run.out);
    List<String> seen = new ArrayList<>();
    doc.path("targets").forEach(t -> seen.add(t.path("path").asText() + " " + t.path("change").asText()));
    assertThat(seen).containsExactly(
        "app-added/stage/docker-stack.yml ADDED",
        "app-moved/active/docker-stack.yml CHANGED",
        "app-policy/stage/docker-stack.yml CHANGED",
        "app-removed/active/docker-stack.yml REMOVED",
        "app-secret/active/docker-stack.yml CHANGED");
    JsonNode moved = doc.path("targets").get(1).path("services").get(0).path("fields");
    assertThat(moved.get(1).path("field").asText()).isEqualTo("environment.A");
    assertThat(moved.get(1).path("before").asText()).isEqualTo("\"1\"");
    assertThat(moved.get(1).path("after").asText()).isEqualTo("\"2\"");
    JsonNode policy = doc.path("targets").get(2);
    assertThat(policy.path("problems").get(0).asText())
        .isEqualTo("ResourcePolicy: app-policy/stage/docker-stack.yml:22: service web: deploy.resources.limits.memory is missing");
    JsonNode added = doc.path("targets").get(0);
    assertThat(added.path("order").toString()).isEqualTo("[[\"migrate\"],[\"web\"]]");
    assertThat(added.path("warnings")).hasSize(2).allSatisfy(w -> assertThat(w.asText())
        .startsWith("HostBindPolicy: app-added/stage/docker-stack.yml:").contains("/var/run/docker.sock"));
    assertThat(added.path("problems")).isEmpty();
    assertThat(doc.path("targets").get(1).path("order")).as("a stack without depends_on has one wave, not shown").isEmpty();
    JsonNode secret = doc.path("targets").get(4);
    assertThat(secret.path("files").get(0).asText()).isEqualTo("secrets.env changed");
    assertThat(secret.path("services")).isEmpty();
    assertThat(run.out).doesNotContain("3637383930");
    assertThat(doc.path("summary").asText())
        .isEqualTo("3 apps change, 1 app added, 1 app removed, 1 app would fail policy");
  }

  @Test
  void theMarkdownCommentIsStableAcrossRunsAndOpensTheFailingApp() {
    Result once = run("plan", "--diff", first + "..main", "--format", "markdown");
    Result again = run("plan", "--diff", first + "..main", "--format", "markdown");

    assertThat(once.code).isEqualTo(1);
    assertThat(again.out).isEqualTo(once.out);
    assertThat(once.out).startsWith("<!-- aspen plan --diff -->\n### Aspen plan: 3 apps change, 1 app added, 1 app removed, "
        + "1 app would fail policy\n");
    assertThat(once.out).contains("<details open>\n<summary>❌ <code>app-policy/stage</code> changed, would fail</summary>");
    assertThat(once.out).contains("<details>\n<summary><code>app-secret/active</code> changed</summary>\n\n- secrets.env changed\n");
    assertThat(once.out.split("<details", -1)).hasSize(6);
  }

  @Test
  void theTextFormatNamesEachFieldAndEndsWithTheSummary() {
    Result run = run("plan", "--diff", first + "..main");

    assertThat(run.out).contains("app-moved/active (app-moved/active/docker-stack.yml): changed\n  service web changed\n"
        + "    image: " + ENV.registryHost() + "/" + REPOSITORY + ":1.0.0_a@" + digest100);
    assertThat(run.out).contains("  environment.A: \"1\" -> \"2\"\n");
    assertThat(run.out).contains("\n  deploy order: migrate → web\n  warning: HostBindPolicy: app-added/stage/docker-stack.yml:");
    assertThat(run.out).endsWith(": 3 apps change, 1 app added, 1 app removed, 1 app would fail policy\n");
  }

  @Test
  void anUnknownRevisionMeansNoPlanAndExitsTwo() {
    Result run = run("plan", "--diff", first + "..no-such-branch");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.err).contains("revision \"no-such-branch\" is not a commit of");
  }

  private static Result run(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("REGISTRY_REPOSITORY_URL", git.url());
    env.put("DOCKER_REGISTRY_URL", ENV.registryUrl());
    env.put("DOCKER_REGISTRY_USER", ENV.registryUser());
    env.put("DOCKER_REGISTRY_PWD", ENV.registryPassword());
    env.put("ASPEN_STATE_DIR", dir.resolve("state").toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context = new CliContext(env, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), (configuration, clock) -> {
          throw new AssertionError("plan --diff must not open the pass's adapters (cluster, state, vault)");
        }, () -> {
          throw new InterruptedException("not waited for");
        }, Clock.systemUTC());
    int code = Cli.execute(context, args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Result(int code, String out, String err) {}

  private static String stack(String image, String range, String key, String value) {
    StackFile stack = StackFile.web();
    stack.service("web").image(image).range(range).env(key, value);
    return stack.yaml();
  }
}
