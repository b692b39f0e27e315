package se.kth.aspen.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.RecoveryNotice;

/** Every message text word for word, markup included, as the old tool and Aspen before it wrote them. */
class SlackTextTest {

  private static ErrorNotice.DeployFailed failed(boolean repeat) {
    return new ErrorNotice.DeployFailed("kth-azure-app", "active", "ResourcePolicy",
        "docker-stack.yml has bad resource policy", List.of("#team"), Optional.empty(), repeat);
  }

  @Test
  void aFailedDeployNamesClusterAppAndStep() {
    assertThat(SlackText.error(failed(false)))
        .isEqualTo("Error deploying *active/kth-azure-app* in step _ResourcePolicy_ \ndocker-stack.yml has bad resource policy");
  }

  @Test
  void aFailedDeploysReasonLosesItsQuotesAndBackticksAsTheOldToolsDid() {
    ErrorNotice.DeployFailed quoted = new ErrorNotice.DeployFailed("app", "active", "Read",
        "docker-stack.yml line 3: `image` names \"web\"'s tag", List.of(), Optional.empty(), false);

    assertThat(SlackText.error(quoted)).isEqualTo("Error deploying *active/app* in step _Read_ \ndocker-stack.yml line 3: image names webs tag");
  }

  @Test
  void aRepeatStartsWithHere() {
    assertThat(SlackText.error(failed(true)))
        .isEqualTo("<!here> Error deploying *active/kth-azure-app* in step _ResourcePolicy_ \ndocker-stack.yml has bad resource policy");
    assertThat(SlackText.error(new ErrorNotice.PassProblem("cluster directory down", true)))
        .isEqualTo("<!here> Aspen's pass had a problem: cluster directory down");
  }

  @Test
  void aDriftListsItsDifferencesOneALine() {
    assertThat(SlackText.error(new ErrorNotice.Drift("app-a", "active", List.of("web: env +DEBUG", "web: image"), false)))
        .isEqualTo("Drift on *active/app-a*: its services no longer run what was deployed\nweb: env +DEBUG\nweb: image");
  }

  @Test
  void aStoreOutageNamesTwentyAppsAndCountsTheRest() {
    List<String> targets = IntStream.range(0, 23).mapToObj(i -> String.format("active/app-%02d", i)).toList();

    String text = SlackText.error(new ErrorNotice.StoreOutage("Redis", "Connection refused", targets));

    assertThat(text).isEqualTo("23 apps could not be tried: Redis unreachable\nConnection refused\n"
        + String.join(", ", targets.subList(0, 20)) + " and 3 more\n"
        + "Tried again every pass; told once until Redis answers again.");
    assertThat(SlackText.error(new ErrorNotice.StoreOutage("Redis", "refused", List.of("active/a"))))
        .startsWith("1 app could not be tried: Redis unreachable\nrefused\nactive/a\n");
  }

  @Test
  void aPassThatThrewNamesTheException() {
    assertThat(SlackText.error(new ErrorNotice.PassCrashed("IllegalStateException", Optional.of("exploded"), "trace")))
        .isEqualTo("Aspen's pass failed as a whole: IllegalStateException: exploded");
    assertThat(SlackText.error(new ErrorNotice.PassCrashed("NullPointerException", Optional.empty(), "trace")))
        .isEqualTo("Aspen's pass failed as a whole: NullPointerException");
  }

  @Test
  void recommendationsBoldTheAppAndQuoteTheLabel() {
    assertThat(SlackText.recommendation(new RecommendationNotice.MissingLabel("kth-azure-app",
        "se.kth.detectify.profileToken", "the token of the application's Detectify scan profile", List.of())))
        .isEqualTo("*kth-azure-app*: Recommended docker-stack.yml config\n "
            + "`se.kth.detectify.profileToken=\"the token of the application's Detectify scan profile\"`");
    assertThat(SlackText.recommendation(new RecommendationNotice.PolicyWarning("proxy", "active",
        "proxy/active/docker-stack.yml:10: service web: HostBindPolicy: binds the host path /var/run/docker.sock", List.of())))
        .isEqualTo("*proxy*: deployed to active with a policy warning\n"
            + "proxy/active/docker-stack.yml:10: service web: HostBindPolicy: binds the host path /var/run/docker.sock");
  }

  @Test
  void aRecoveryListsTheImagesSortedAndSinceWhenItFailed() {
    RecoveryNotice notice = new RecoveryNotice("app", "active",
        List.of(ImageReference.parse("registry.example.org/web:1.0.2"), ImageReference.parse("registry.example.org/api:2.0.0")),
        "Verify", Instant.parse("2026-01-01T00:00:00Z"), List.of("#team"));

    assertThat(SlackText.recovery(notice)).isEqualTo("Recovered: *active/app* deployed "
        + "[registry.example.org/api:2.0.0, registry.example.org/web:1.0.2] (failing in step _Verify_ since 2026-01-01T00:00:00Z)");
  }

  @Test
  void channelsAreJoinedWithACommaInOrderRepeatsKept() {
    assertThat(SlackText.channels(List.of("#web", "#worker,#web"))).contains("#web,#worker,#web");
    assertThat(SlackText.channels(List.of())).isEmpty();
  }
}
