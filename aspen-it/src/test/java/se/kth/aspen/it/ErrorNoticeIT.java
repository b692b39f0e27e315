package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.FailureKind;
import se.kth.aspen.core.pass.PassReport;

/**
 * Scenario 5: a policy violation is an error notice naming the step while the other apps
 * deploy; the same error is said once, again after ten minutes with {@code <!here> }, and a fix
 * clears it, so breaking it again is said at once.
 */
class ErrorNoticeIT extends Scenario {

  private final String broken = app("broken");
  private final String fine = app("fine");

  private List<JsonNode> errorsAbout(String app) {
    return errors().stream().filter(e -> e.path("message").asText().contains("*active/" + app + "*")).toList();
  }

  private StackFile withoutResources() {
    StackFile stack = StackFile.web();
    stack.service("web").withoutResources().label("se.kth.slackChannels", "#team-broken");
    return stack;
  }

  @Test
  void aPolicyViolationIsToldOnceThenAgainAfterTenMinutesAndAFixClearsIt() {
    writeStack(broken, "active", withoutResources());
    writeStack(fine, "active", StackFile.web());
    git.commitAndPush("one broken, one fine");
    Aspen aspen = aspen();

    PassReport first = aspen.deployPass();

    AppResult failed = result(first, broken, "active");
    assertThat(failed.status()).as(describe(first)).isEqualTo(AppStatus.FAILED);
    assertThat(failed.failure()).contains(FailureKind.INVALID);
    assertThat(failed.step()).contains("ResourcePolicy");
    assertThat(failed.reason().orElseThrow()).contains("deploy.resources");
    assertThat(result(first, fine, "active").status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(engine.stackServices(broken)).isEmpty();
    drainNotices(aspen);
    assertThat(errorsAbout(broken)).hasSize(1);
    JsonNode error = errorsAbout(broken).getFirst();
    assertThat(error.path("message").asText())
        .startsWith("Error deploying *active/" + broken + "* in step _ResourcePolicy_ \n")
        .contains("deploy.resources");
    assertThat(error.path("slackChannels").asText()).isEqualTo("#team-broken");
    assertThat(error.path("stackTrace").isNull()).isTrue();

    clock.advance(Duration.ofMinutes(9));
    PassReport again = aspen.deployPass();
    assertThat(result(again, broken, "active").status()).isEqualTo(AppStatus.FAILED);
    drainNotices(aspen);
    assertThat(errorsAbout(broken)).as("the same error within ten minutes is not said again").hasSize(1);

    clock.advance(Duration.ofMinutes(2));
    aspen.deployPass();
    drainNotices(aspen);
    assertThat(errorsAbout(broken)).hasSize(2);
    assertThat(errorsAbout(broken).getLast().path("message").asText())
        .startsWith("<!here> Error deploying *active/" + broken + "* in step _ResourcePolicy_ \n");

    StackFile fixed = StackFile.web();
    fixed.service("web").label("se.kth.slackChannels", "#team-broken");
    writeStack(broken, "active", fixed);
    git.commitAndPush("resources for broken");
    clock.advance(Duration.ofMinutes(1));
    assertThat(result(aspen.deployPass(), broken, "active").status()).isEqualTo(AppStatus.DEPLOYED);

    writeStack(broken, "active", withoutResources());
    git.commitAndPush("broken again");
    clock.advance(Duration.ofMinutes(1));
    assertThat(result(aspen.deployPass(), broken, "active").status()).isEqualTo(AppStatus.FAILED);
    drainNotices(aspen);
    assertThat(errorsAbout(broken)).as("the fix cleared the mark: the new failure is said at once, without <!here>")
        .hasSize(3);
    assertThat(errorsAbout(broken).getLast().path("message").asText()).startsWith("Error deploying *active/" + broken);
  }
}
