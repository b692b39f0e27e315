package se.kth.aspen.core.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.Replicas;

/** The notices the old tool sent, by its rules ({@code report_success.py}, {@code reporter_service.py}). */
class NoticesTest {

  @TempDir Path dir;

  private StackModel read(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("docker-stack.yml"), yaml);
    return new StackReader().read(file, "kth-azure-app/active/docker-stack.yml", Map.of());
  }

  static final String STACK = """
      version: "3.8"
      services:
        web:
          image: registry.example.org/kth-azure-app:2.9.202_3b01b96
          labels:
            - se.kth.slackChannels=#team-pipeline-build,#pipeline-logs
            - se.kth.importance=low
            - 'se.kth.publicName.swedish="Continuous delivery referens applikation"'
            - se.kth.publicName.english=Continuous Delivery Reference Application
            - se.kth.description.swedish=Referens applikation
            - se.kth.description.english=Reference application
            - se.kth.monitorUrl=https://app.example.org/kth-azure-app/_monitor
          deploy:
            replicas: 2
            labels:
              traefik.frontend.rule: "PathPrefix:/kth-azure-app/"
        api:
          image: registry.example.org/api:1.0.0
          deploy:
            replicas: 2
      """;

  @Test
  void theDeploymentNoticeMatchesTheContractsExample() throws Exception {
    StackModel stack = read(STACK);
    Map<String, ImageReference> images = Map.of(
        "web", ImageReference.parse("registry.example.org/kth-azure-app:2.9.202_3b01b96"),
        "api", ImageReference.parse("registry.example.org/api:1.0.0"));

    DeploymentNotice notice = Notices.deployment("kth-azure-app", "active", stack, images, "traefik.frontend.rule",
        Instant.parse("2024-11-24T22:13:20.123Z"));

    assertThat(notice).isEqualTo(new DeploymentNotice("kth-azure-app", "active",
        Optional.of(ImageReference.parse("registry.example.org/kth-azure-app:2.9.202_3b01b96")),
        Optional.of("/kth-azure-app/"), Instant.parse("2024-11-24T22:13:20.123Z"), Replicas.count(2), Map.of(
            "se.kth.slackChannels", "#team-pipeline-build,#pipeline-logs",
            "se.kth.importance", "low",
            "se.kth.publicName.swedish", "Continuous delivery referens applikation",
            "se.kth.publicName.english", "Continuous Delivery Reference Application",
            "se.kth.description.swedish", "Referens applikation",
            "se.kth.description.english", "Reference application",
            "se.kth.monitorUrl", "https://app.example.org/kth-azure-app/_monitor")));
  }

  @Test
  void aMissingRecommendedLabelGivesTheContractsRecommendation() throws Exception {
    StackModel stack = read(STACK);

    assertThat(Notices.recommendations("kth-azure-app", stack)).containsExactly(
        new RecommendationNotice.MissingLabel("kth-azure-app", "se.kth.detectify.profileToken",
            "the token of the application's Detectify scan profile", List.of("#team-pipeline-build,#pipeline-logs")));
  }

  @Test
  void everyMissingRecommendedLabelIsRecommendedTheImportanceOneAsInTheExample() throws Exception {
    StackModel stack = read("services:\n  web:\n    image: x/app:1.0.0\n    labels: {se.kth.slackChannels: \"#team-pipeline-build\"}\n");

    assertThat(Notices.recommendations("kth-azure-app", stack)).hasSize(6).contains(new RecommendationNotice.MissingLabel(
        "kth-azure-app", "se.kth.importance", "low, medium or high", List.of("#team-pipeline-build")));
  }

  @Test
  void withoutAFrontEndRuleThereIsNoApplicationPath() throws Exception {
    StackModel stack = read("services:\n  web:\n    image: x/app:1.0.0\n");

    DeploymentNotice notice = Notices.deployment("app", "stage", stack, Map.of("web", ImageReference.parse("x/app:1.0.0")),
        "traefik.frontend.rule", Instant.EPOCH);

    assertThat(notice.applicationPath()).isEmpty();
    assertThat(notice.replicas()).isEqualTo(Replicas.count(1));
    assertThat(notice.image()).contains(ImageReference.parse("x/app:1.0.0"));
    assertThat(notice.labels()).isEmpty();
  }

  static final String TWO_SERVICES = """
      services:
        web:
          image: registry.example.org/team/kth-azure-app:2.9.202_3b01b96
          labels:
            - se.kth.slackChannels=#web
            - se.kth.publicUserDocumentationUrl=https://docs.example.org/app
            - se.kth.privateOperationsDocumentationUrl=https://ops.example.org/app
          deploy:
            replicas: 2
        worker:
          image: registry.example.org/team/worker:1.0.0_a
          labels:
            - se.kth.slackChannels=#worker,#web
          deploy:
            mode: global
      """;

  @Test
  void theOldToolsRulesPickTheFirstServiceForTheImageAndTheLastForTheReplicas() throws Exception {
    StackModel stack = read(TWO_SERVICES);
    Map<String, ImageReference> images = Map.of(
        "web", ImageReference.parse("registry.example.org/team/kth-azure-app:2.9.202_3b01b96"),
        "worker", ImageReference.parse("registry.example.org/team/worker:1.0.0_a"));

    DeploymentNotice notice = Notices.deployment("kth-azure-app", "active", stack, images, "traefik.frontend.rule",
        Instant.EPOCH);

    assertThat(notice.image()).contains(ImageReference.parse("registry.example.org/team/kth-azure-app:2.9.202_3b01b96"));
    assertThat(notice.replicas()).isEqualTo(Replicas.global());
    assertThat(notice.labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "se.kth.slackChannels", "#web",
        "se.kth.publicUserDocumentationUrl", "https://docs.example.org/app",
        "se.kth.privateOperationsDocumentationUrl", "https://ops.example.org/app"));
  }

  @Test
  void errorsAndRecommendationsGoToEveryServicesChannelsJoinedInFileOrder() throws Exception {
    StackModel stack = read(TWO_SERVICES);

    assertThat(Notices.channels(stack)).containsExactly("#web", "#worker,#web");
    assertThat(Notices.recommendations("kth-azure-app", stack)).allSatisfy(
        r -> assertThat(r.channels()).containsExactly("#web", "#worker,#web"));
  }

  @Test
  void theLastServicesReplicasCountWhenItIsReplicated() throws Exception {
    StackModel stack = read(TWO_SERVICES.replace("mode: global", "replicas: 5"));

    DeploymentNotice notice = Notices.deployment("app", "active", stack, Map.of(), "traefik.frontend.rule", Instant.EPOCH);

    assertThat(notice.replicas()).isEqualTo(Replicas.count(5));
  }
}
