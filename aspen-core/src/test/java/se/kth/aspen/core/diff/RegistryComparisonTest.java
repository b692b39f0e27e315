package se.kth.aspen.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.fake.FakeImageRegistry;
import se.kth.aspen.core.pass.DesiredStateReader;
import se.kth.aspen.core.policy.PolicySettings;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.port.UnreachableException;
import se.kth.aspen.core.request.StackInputs;

class RegistryComparisonTest {

  private static final String IMAGE = "registry.example.org/team/web";

  @TempDir
  Path base;

  @TempDir
  Path head;

  private final FakeImageRegistry images = new FakeImageRegistry().push(IMAGE, "1.0.0_a", "1.0.1_b", "1.2.0_c");

  @Test
  void aTargetWithTheSameFilesOnBothSidesIsNotReadAtAll() throws IOException {
    write(base, "app-a/active/docker-stack.yml", stack("${V}", "~1.0.0", 2, "info"));
    write(head, "app-a/active/docker-stack.yml", stack("${V}", "~1.0.0", 2, "info"));

    RegistryDiff diff = compare();

    assertThat(diff.targets()).isEmpty();
    assertThat(images.totalCalls()).isZero();
  }

  @Test
  void aChangedServiceListsEachFieldWithBothValues() throws IOException {
    write(base, "app-a/active/docker-stack.yml", stack("1.0.0_a", "", 2, "info"));
    write(head, "app-a/active/docker-stack.yml", stack("1.0.0_a", "", 3, "debug"));

    TargetChange target = single(compare());

    assertThat(target.change()).isEqualTo(Change.CHANGED);
    assertThat(target.services()).singleElement().satisfies(s -> {
      assertThat(s.service()).isEqualTo("web");
      assertThat(s.change()).isEqualTo(Change.CHANGED);
      assertThat(s.fields()).containsExactly(
          new FieldChange("environment.LOG_LEVEL", Optional.of("\"info\""), Optional.of("\"debug\"")),
          new FieldChange("replicas", Optional.of("2"), Optional.of("3")));
    });
    assertThat(target.problems()).isEmpty();
  }

  @Test
  void aMovedRangeShowsTheResolvedTagAndDigestOfBothSides() throws IOException {
    write(base, "app-a/active/docker-stack.yml", stack("${V}", "~1.0.0", 2, "info"));
    write(head, "app-a/active/docker-stack.yml", stack("${V}", "~1.2.0", 2, "info"));

    TargetChange target = single(compare());

    assertThat(target.services().getFirst().fields()).containsExactly(new FieldChange("image",
        Optional.of(IMAGE + ":1.0.1_b@" + FakeImageRegistry.digestOf(IMAGE + ":1.0.1_b")),
        Optional.of(IMAGE + ":1.2.0_c@" + FakeImageRegistry.digestOf(IMAGE + ":1.2.0_c"))),
        new FieldChange("environment.V", Optional.of("\"1.0.1_b\""), Optional.of("\"1.2.0_c\"")));
  }

  @Test
  void resourcesReadAsComposeWritesThem() throws IOException {
    write(base, "app-a/active/docker-stack.yml", stack("1.0.0_a", "", 2, "info"));
    write(head, "app-a/active/docker-stack.yml", stack("1.0.0_a", "", 2, "info").replace("memory: 100M", "memory: 1G"));

    assertThat(single(compare()).services().getFirst().fields()).containsExactly(new FieldChange("resources",
        Optional.of("limits=(cpus=0.5 memory=100M) reservations=(cpus=0.1 memory=50M)"),
        Optional.of("limits=(cpus=0.5 memory=1G) reservations=(cpus=0.1 memory=50M)")));
  }

  @Test
  void addedAndRemovedAppsAreListedWithTheirServices() throws IOException {
    write(base, "app-old/active/docker-stack.yml", stack("1.0.0_a", "", 2, "info"));
    write(head, "app-new/stage/docker-stack.yml", stack("1.2.0_c", "", 2, "info"));

    RegistryDiff diff = compare();

    assertThat(diff.targets()).extracting(TargetChange::stackPath, TargetChange::change).containsExactly(
        org.assertj.core.groups.Tuple.tuple("app-new/stage/docker-stack.yml", Change.ADDED),
        org.assertj.core.groups.Tuple.tuple("app-old/active/docker-stack.yml", Change.REMOVED));
    assertThat(diff.targets().getFirst().services()).singleElement()
        .satisfies(s -> assertThat(s.change()).isEqualTo(Change.ADDED));
    assertThat(diff.targets().getLast().services()).singleElement()
        .satisfies(s -> assertThat(s.change()).isEqualTo(Change.REMOVED));
  }

  @Test
  void aChangedVaultSaysOnlyThatItChanged() throws IOException {
    String stack = stack("1.0.0_a", "", 2, "info").replace("    environment:", "    env_file: secrets.decrypted.env\n    environment:");
    write(base, "app-a/active/docker-stack.yml", stack);
    write(head, "app-a/active/docker-stack.yml", stack);
    write(base, "app-a/active/secrets.env", "$ANSIBLE_VAULT;1.1;AES256\n6161\n");
    write(head, "app-a/active/secrets.env", "$ANSIBLE_VAULT;1.1;AES256\n6262\n");

    TargetChange target = single(compare());

    assertThat(target.files()).containsExactly("secrets.env changed");
    assertThat(target.services()).isEmpty();
    assertThat(target.problems()).isEmpty();
  }

  @Test
  void theEnvironmentShownIsTheOneThePassSendsQuotesEmptyValuesAndBareNamesIncluded() throws Exception {
    write(base, "app-a/active/docker-stack.yml", stack("1.0.0_a", "", 2, "info"));
    write(head, "app-a/active/docker-stack.yml", stack("1.0.0_a", "", 2, "info")
        .replace("    environment:\n", "    env_file: ./common.env\n    environment:\n      DEBUG:\n"));
    write(head, "app-a/active/common.env",
        "QUOTED=\"two words\"\nSINGLE='it''s'\nEQUALS=a=b\nEMPTY=\nBARE\n  INDENTED=x \r\nLOG_LEVEL=from the file\n");

    TargetChange target = single(compare());

    assertThat(target.files()).containsExactly("common.env added");
    Map<String, Optional<String>> shown = new TreeMap<>();
    target.services().getFirst().fields().stream().filter(f -> f.field().startsWith("environment."))
        .forEach(f -> shown.put(f.field().substring("environment.".length()), f.after()));
    assertThat(shown).containsExactlyInAnyOrderEntriesOf(Map.of(
        "QUOTED", Optional.of("\"\\\"two words\\\"\""),
        "SINGLE", Optional.of("\"'it''s'\""),
        "EQUALS", Optional.of("\"a=b\""),
        "EMPTY", Optional.of("\"\""),
        "INDENTED", Optional.of("\"x \""),
        "DEBUG", Optional.of(RegistryComparison.NAME_ONLY)));
    // the same values as the environment the pass puts in the deploy request
    Path directory = head.resolve("app-a/active");
    StackModel model = new StackReader().read(directory.resolve("docker-stack.yml"), "app-a/active/docker-stack.yml", Map.of());
    Map<String, Optional<String>> sent = new TreeMap<>();
    StackInputs.read(directory, model).environment("web", SecretEnvironment.empty()).values()
        .forEach((name, value) -> sent.put(name, Optional.of(value.map(v -> Values.quoted(v.text())).orElse(RegistryComparison.NAME_ONLY))));
    sent.remove("LOG_LEVEL");
    assertThat(shown).isEqualTo(sent);
  }

  @Test
  void aBrokenPolicyOnTheHeadIsAProblemNamingFileAndLine() throws IOException {
    write(base, "app-a/active/docker-stack.yml", stack("1.0.0_a", "", 2, "info"));
    write(head, "app-a/active/docker-stack.yml", stack("1.0.0_a", "", 2, "info").replace("          memory: 100M\n", ""));

    TargetChange target = single(compare());

    assertThat(target.wouldFail()).isTrue();
    assertThat(target.problems()).containsExactly(
        "ResourcePolicy: app-a/active/docker-stack.yml:21: service web: deploy.resources.limits.memory is missing");
  }

  @Test
  void aHostBindOnTheHeadIsAWarningNamingFileAndLineAndNoProblem() throws IOException {
    write(base, "app-a/active/docker-stack.yml", stack("1.0.0_a", "", 2, "info"));
    write(head, "app-a/active/docker-stack.yml", stack("1.0.0_a", "", 2, "info")
        .replace("    deploy:\n", "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n    deploy:\n"));

    TargetChange target = single(compare());

    assertThat(target.wouldFail()).isFalse();
    assertThat(target.warnings()).singleElement().asString()
        .startsWith("HostBindPolicy: app-a/active/docker-stack.yml:14: service web: ").contains("/var/run/docker.sock");
  }

  @Test
  void theWavesDependsOnImposesOnTheHeadAreShownAndAStackWithoutHasNone() throws IOException {
    String plain = stack("1.0.0_a", "", 2, "info");
    String db = plain.substring(plain.indexOf("  web:\n")).replace("  web:\n", "  db:\n");
    write(base, "app-a/active/docker-stack.yml", plain);
    write(head, "app-a/active/docker-stack.yml", plain.replace("  web:\n", "  web:\n    depends_on: [db]\n") + db);
    write(base, "app-b/active/docker-stack.yml", plain);
    write(head, "app-b/active/docker-stack.yml", stack("1.0.0_a", "", 3, "info"));

    RegistryDiff diff = compare();

    assertThat(diff.targets()).extracting(TargetChange::application, t -> t.order().map(Object::toString).orElse("none"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("app-a", "db → web"), org.assertj.core.groups.Tuple.tuple("app-b", "none"));
  }

  @Test
  void anAppNameTheEngineRefusesAndALinkedStackFileAreProblemsOfTheHeadAsInAPass() throws IOException {
    write(head, "my.app/active/docker-stack.yml", stack("1.0.0_a", "", 2, "info"));
    Path outside = Files.createTempDirectory(base.getParent(), "outside");
    write(outside, "docker-stack.yml", stack("1.0.0_a", "", 2, "info"));
    Files.createDirectories(head.resolve("linked/active"));
    Files.createSymbolicLink(head.resolve("linked/active/docker-stack.yml"), outside.resolve("docker-stack.yml"));

    RegistryDiff diff = compare();

    assertThat(diff.targets()).hasSize(2).allMatch(TargetChange::wouldFail);
    assertThat(diff.targets().stream().flatMap(t -> t.problems().stream()).toList()).containsExactlyInAnyOrder(
        "Read: linked/active/docker-stack.yml is a symbolic link; a stack file must be a regular file inside the registry",
        "Read: my.app/active/docker-stack.yml: application directory \"my.app\" is not a valid stack name: the engine "
            + "names services <stack>_<service>, which may hold only letters, digits, '-' and '_', starting with a "
            + "letter or digit");
  }

  @Test
  void aRangeNothingSatisfiesIsAProblemOfTheHead() throws IOException {
    write(base, "app-a/active/docker-stack.yml", stack("${V}", "~1.0.0", 2, "info"));
    write(head, "app-a/active/docker-stack.yml", stack("${V}", "~3.0.0", 2, "info"));

    TargetChange target = single(compare());

    assertThat(target.problems()).singleElement().asString()
        .startsWith("Resolve: app-a/active/docker-stack.yml: service web: ").contains("~3.0.0");
    assertThat(target.couldNotTry()).isFalse();
  }

  @Test
  void anUnreachableImageRegistryMakesTheComparisonIncomplete() throws IOException {
    images.failWith(IMAGE, new UnreachableException("listing tags: connection refused"));
    write(base, "app-a/active/docker-stack.yml", stack("${V}", "~1.0.0", 2, "info"));
    write(head, "app-a/active/docker-stack.yml", stack("${V}", "~1.2.0", 2, "info"));

    RegistryDiff diff = compare();

    assertThat(diff.incomplete()).isTrue();
  }

  private RegistryDiff compare() throws IOException {
    DesiredStateReader reader = new DesiredStateReader(images, Duration.ofSeconds(5),
        PolicySettings.DEFAULT);
    return new RegistryComparison(reader, images, Duration.ofSeconds(5))
        .compare(new RegistryComparison.Side("base", base), new RegistryComparison.Side("head", head), Duration.ofSeconds(30));
  }

  private static TargetChange single(RegistryDiff diff) {
    assertThat(diff.targets()).hasSize(1);
    return diff.targets().getFirst();
  }

  private static void write(Path root, String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /** A stack passing every policy; the tag is literal or {@code ${V}} with {@code V} the range. */
  static String stack(String tag, String range, int replicas, String logLevel) {
    return """
        version: "3.8"
        services:
          web:
            image: %s:%s
            environment:
              LOG_LEVEL: %s
        %s    labels:
              se.kth.slackChannels: "#team-a"
              se.kth.importance: high
            logging:
              options:
                max-size: 10m
                max-file: "3"
            deploy:
              replicas: %d
              restart_policy:
                condition: on-failure
                delay: 5s
                max_attempts: 3
              resources:
                limits:
                  cpus: "0.5"
                  memory: 100M
                reservations:
                  cpus: "0.1"
                  memory: 50M
        """.formatted(IMAGE, tag, logLevel, range.isEmpty() ? "" : "      V: \"" + range + "\"\n", replicas);
  }
}
