package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;

/** Scenario 4: a new tag within an app's range is deployed, pinned to its digest. */
class NewTagIT extends Scenario {

  private final RegistryImages images = new RegistryImages();
  private final String ranged = app("ranged");
  private final String repository = "it-" + suffix + "/busybox";

  @AfterEach
  void removeTags() {
    images.removePushed();
  }

  @Test
  void aNewTagInTheRangeIsDeployedPinnedToItsDigest() throws Exception {
    String first = images.push(repository, "3.1.0_aaa", "1.2.3_def");
    StackFile stack = StackFile.web();
    stack.service("web").image("127.0.0.1:5000/" + repository + ":${WEB_VERSION}").range("~3.1.0");
    writeStack(ranged, "active", stack);
    git.commitAndPush("an app on a range");
    Aspen aspen = aspen();
    PassReport before = aspen.deployPass();
    assertThat(result(before, ranged, "active").status()).as(describe(before)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(engine.serviceImage(ranged + "_web")).isEqualTo("127.0.0.1:5000/" + repository + ":3.1.0_aaa@" + first);
    assertThat(aspen.deployPass().results()).allMatch(r -> r.status() == AppStatus.UNCHANGED);

    images.push(repository, "3.2.0_ccc", "2.0.0");
    String newer = images.push(repository, "3.1.7_bbb", "1.2.4_0a1b2c3");
    PassReport after = aspen.deployPass();

    assertThat(result(after, ranged, "active").status()).as(describe(after)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(engine.serviceImage(ranged + "_web")).isEqualTo("127.0.0.1:5000/" + repository + ":3.1.7_bbb@" + newer);
    assertThat(engine.serviceEnv(ranged + "_web")).contains("WEB_VERSION=3.1.7_bbb");
    assertThat(engine.replicas(ranged + "_web")).isEqualTo("1/1");
    drainNotices(aspen);
    assertThat(deployments().getLast().path("version").asText()).isEqualTo("3.1.7_bbb");
  }
}
