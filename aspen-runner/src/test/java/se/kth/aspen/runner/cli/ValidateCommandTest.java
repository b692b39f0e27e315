package se.kth.aspen.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.runner.TestStacks;

class ValidateCommandTest {

  private static final String GOOD = TestStacks.withFrontEndRule("PathPrefix:/");

  @TempDir Path dir;

  private Path stack(String app, String text) throws Exception {
    Path file = dir.resolve("registry").resolve(app).resolve("active").resolve("docker-stack.yml");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private CliRun validate(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "validate";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.of(Map.of("HOME", dir.toString()), dir, all);
  }

  @Test
  void aVariableSetNowhereIsAWarningNamingFileAndLineAndOneSetInAnyServiceIsNot() throws Exception {
    Path file = stack("app-a", se.kth.aspen.runner.TestStacks.COMPLIANT.replace("      WEB_VERSION: \"~1.2.0\"\n",
        "      WEB_VERSION: \"~1.2.0\"\n      URL: https://${DOMAIN}/${APPLICATION_NAME}/\n      HOME_DIR: ${HOME}\n"
            + "      DOMAIN: app.example.org\n"));

    CliRun run = validate(file.toString());

    assertThat(run.exitCode).as(run.out()).isZero();
    assertThat(run.out()).contains("VALID    registry/app-a/active/docker-stack.yml")
        .contains("  warning: service web: variable HOME is not set, so environment.HOME_DIR has an empty string in its"
            + " place (variables come from the stack's service environments, APPLICATION_NAME and PORTILLO_CLUSTER) (line 7)")
        .doesNotContain("variable DOMAIN").doesNotContain("variable APPLICATION_NAME");
  }

  @Test
  void theShippedExamplesAreValid() {
    Path examples = Path.of(System.getProperty("user.dir")).getParent().resolve("examples").resolve("registry");
    CliRun run = validate(examples.toString());
    assertThat(run.exitCode).as(run.out() + run.err).isZero();
    assertThat(run.out()).contains("2 stacks checked, 0 invalid");
  }

  @Test
  void everyViolationOfEveryStackIsListedAndTheExitCodeIs1() throws Exception {
    stack("app-a", GOOD.replace("PathPrefix:/", "PathPrefix:/app-a"));
    stack("app-b", GOOD.replace("PathPrefix:/", "PathPrefix:/app-b").replace("memory: 32M", "").replace("max-file: \"3\"", ""));

    CliRun run = validate("registry");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out())
        .contains("VALID    registry/app-a/active/docker-stack.yml")
        .contains("INVALID  registry/app-b/active/docker-stack.yml")
        .contains("ResourcePolicy: service web: deploy.resources.limits.memory is missing")
        .contains("LoggingPolicy: service web: logging.options.max-file is missing")
        .contains("2 stacks checked, 1 invalid");
  }

  @Test
  void theSiteRootIsRefusedUnlessTheAppIsAllowListed() throws Exception {
    Path file = stack("app-root", GOOD);

    CliRun refused = validate(file.toString());
    CliRun allowed = validate("-s", "ROOT_PATH_ALLOWED_APPS=app-root", file.toString());

    assertThat(refused.exitCode).isEqualTo(1);
    assertThat(refused.out()).contains("publishes the site root");
    assertThat(allowed.exitCode).as(allowed.out()).isZero();
  }

  private static final String PLAIN = """
      version: "3.8"
      services:
        web:
          image: 127.0.0.1:5000/busybox:1.2.3
          deploy:
            labels:
              traefik.frontend.rule: "PathPrefix:/"
      """;

  @Test
  void validateSaysWhichPoliciesItAppliedAndNoneLetsAStackWithoutKthsKeysThrough() throws Exception {
    Path file = stack("plain", PLAIN);

    CliRun kth = validate(file.toString());
    CliRun none = validate("-s", "POLICIES=none", file.toString());
    CliRun two = validate("-s", "POLICIES=front-end-rule,replicas", file.toString());

    assertThat(kth.exitCode).isEqualTo(1);
    assertThat(kth.out()).contains("policies applied: replicas, logging, restart, resources, front-end-rule");
    assertThat(none.exitCode).as(none.out()).isZero();
    assertThat(none.out()).contains("VALID    registry/plain/active/docker-stack.yml", "policies applied: none");
    assertThat(two.exitCode).isEqualTo(1);
    assertThat(two.out()).contains("ReplicasPolicy: service web: deploy.replicas is missing",
            "FrontEndRulePolicy: service web: deploy label traefik.frontend.rule", "policies applied: replicas, front-end-rule")
        .doesNotContain("LoggingPolicy", "RestartPolicy", "ResourcePolicy");
  }

  @Test
  void aPolicyNameThatDoesNotExistIsAConfigurationErrorExit2() throws Exception {
    Path file = stack("plain", PLAIN);

    CliRun run = validate("-s", "POLICIES=replicas,resource", file.toString());

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("POLICIES: \"resource\" is not a policy (the policies are replicas, logging, restart, "
        + "resources, front-end-rule, or none)");
    assertThat(run.out()).doesNotContain("VALID");
  }

  @Test
  void aMissingPathOrADirectoryWithoutStacksExits1() throws Exception {
    assertThat(validate("nope").err).contains("nope: no such file or directory");
    Files.createDirectories(dir.resolve("empty"));
    CliRun empty = validate("empty");
    assertThat(empty.exitCode).isEqualTo(1);
    assertThat(empty.err).contains("no docker-stack.yml found");
  }
}
