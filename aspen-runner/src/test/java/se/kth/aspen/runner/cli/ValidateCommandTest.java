package se.kth.aspen.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.testenv.TestStacks;

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
    Path file = stack("app-a", TestStacks.COMPLIANT.replace("      WEB_VERSION: \"~1.2.0\"\n",
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
    assertThat(kth.out()).contains("policies applied: replicas, logging, restart, resources, front-end-rule, host-bind");
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
        + "resources, front-end-rule, host-bind, or none)");
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

  /** {@link TestStacks#COMPLIANT} binding the engine's socket (volumes on line 14), and asking for it when {@code ask}. */
  private static String bindingTheSocket(boolean ask) {
    return TestStacks.COMPLIANT + "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n"
        + (ask ? "    labels:\n      se.kth.aspen.hostBind: /var/run/docker.sock\n" : "");
  }

  @Test
  void aHostBindIsAWarningByDefaultRefusedWithDenyAndGrantedOnlyThroughTheAllowList() throws Exception {
    Path file = stack("proxy", bindingTheSocket(false));
    Path asking = stack("asking", bindingTheSocket(true));

    CliRun warned = validate(file.toString());
    CliRun denied = validate("-s", "HOST_BIND_POLICY=deny", file.toString());
    CliRun granted = validate("-s", "HOST_BIND_POLICY=deny", "-s", "HOST_BIND_ALLOW=/var/run/docker.sock", asking.toString());
    CliRun notListed = validate("-s", "HOST_BIND_POLICY=deny", asking.toString());

    assertThat(warned.exitCode).as(warned.out()).isZero();
    assertThat(warned.out()).contains("VALID    registry/proxy/active/docker-stack.yml", "  warning: service web: "
        + "HostBindPolicy: binds the host path /var/run/docker.sock (at /var/run/docker.sock), which gives it that part "
        + "of every node's file system; HOST_BIND_POLICY=warn unless HOST_BIND_ALLOW lists it and the service's label "
        + "se.kth.aspen.hostBind names it (line 14)", "policies applied: replicas, logging, restart, resources, "
        + "front-end-rule, host-bind");
    assertThat(denied.exitCode).isEqualTo(1);
    assertThat(denied.out()).contains("INVALID  registry/proxy/active/docker-stack.yml",
        "  HostBindPolicy: service web: binds the host path /var/run/docker.sock");
    assertThat(granted.exitCode).as(granted.out()).isZero();
    assertThat(granted.out()).doesNotContain("HostBindPolicy");
    assertThat(notListed.exitCode).isEqualTo(1);
    assertThat(notListed.out()).contains("label se.kth.aspen.hostBind asks for \"/var/run/docker.sock\", which "
        + "HOST_BIND_ALLOW does not list (it lists nothing)");
  }

  @Test
  void aWrongHostBindSettingIsAConfigurationErrorExit2() throws Exception {
    Path file = stack("proxy", bindingTheSocket(false));

    CliRun word = validate("-s", "HOST_BIND_POLICY=block", file.toString());
    CliRun relative = validate("-s", "HOST_BIND_ALLOW=var/run/docker.sock", file.toString());
    CliRun left = validate("-s", "HOST_BIND_POLICY=deny", "-s", "POLICIES=replicas", file.toString());

    assertThat(word.exitCode).isEqualTo(2);
    assertThat(word.err).contains("HOST_BIND_POLICY: \"block\" is not warn, deny or allow");
    assertThat(relative.exitCode).isEqualTo(2);
    assertThat(relative.err).contains("HOST_BIND_ALLOW: \"var/run/docker.sock\" is not an absolute host path");
    assertThat(left.exitCode).isEqualTo(2);
    assertThat(left.err).contains("HOST_BIND_POLICY: deny needs the host-bind policy, which POLICIES leaves out (replicas)");
  }

  @Test
  void anApplicationDirectoryTheEngineWouldRefuseAsAStackNameIsInvalid() throws Exception {
    Path file = stack("my.app", TestStacks.COMPLIANT);

    CliRun run = validate("registry");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out()).contains("INVALID  registry/my.app/active/docker-stack.yml", "  error: registry/my.app/active/"
        + "docker-stack.yml: application directory \"my.app\" is not a valid stack name");
    assertThat(validate(file.toString()).exitCode).isEqualTo(1);
  }

  @Test
  void linkedStackFilesAndLinkedDirectoriesAreInvalidAsInAPass() throws Exception {
    stack("app", TestStacks.COMPLIANT);
    Path registry = dir.resolve("registry");
    Files.createSymbolicLink(registry.resolve("app/stage"), registry.resolve("app/active"));
    Files.createDirectories(registry.resolve("other/active"));
    Files.createSymbolicLink(registry.resolve("other/active/docker-stack.yml"), registry.resolve("app/active/docker-stack.yml"));

    CliRun run = validate("registry");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out()).contains(
        "VALID    registry/app/active/docker-stack.yml",
        "INVALID  registry/other/active/docker-stack.yml is a symbolic link; a stack file must be a regular file inside the registry",
        "INVALID  registry/app/stage is a symbolic link to a directory; links are not followed, so no stack under it is deployed",
        "3 stacks checked, 2 invalid");
    CliRun named = validate(registry.resolve("other/active/docker-stack.yml").toString());
    assertThat(named.exitCode).isEqualTo(1);
    assertThat(named.out()).contains("is a symbolic link; a stack file must be a regular file inside the registry");
  }
}
