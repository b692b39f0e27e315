package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;

/**
 * Two apps of one cluster, the first waiting for the second through the label
 * se.kth.aspen.dependsOn: a new version of both in one commit deploys the second, waits for it
 * to converge, then the first; when the second fails, the first is left as it runs and SKIPPED.
 */
class AppOrderIT extends Scenario {

  // The dependent sorts first, so that only the order makes it wait.
  private final String web = app("aweb");
  private final String db = app("zdb");

  private StackFile dependent(String version) {
    StackFile stack = StackFile.web();
    stack.service("web").label("se.kth.aspen.dependsOn", db).env("VERSION", version);
    return stack;
  }

  @Test
  void anAppIsDeployedAfterTheAppItNamesConvergedAndSkippedWhenThatAppFails() throws Exception {
    env.put("VERIFY_START_RETRY_TIMES", "20");
    writeStack(web, "active", dependent("1"));
    writeStack(db, "active", StackFile.web());
    git.commitAndPush("two apps, one after the other");
    Aspen aspen = aspen();

    PassReport first = aspen.deployPass();

    assertThat(result(first, web, "active").status()).as(describe(first)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(result(first, db, "active").status()).isEqualTo(AppStatus.DEPLOYED);
    Instant dbRunning = Instant.parse(engine.docker("inspect", "--format", "{{.Status.Timestamp.Format \"2006-01-02T15:04:05.999999999Z07:00\"}}",
        engine.docker("service", "ps", "-q", "--no-trunc", "--filter", "desired-state=running", db + "_web").strip()).strip());
    Instant webCreated = Instant.parse(engine.service(web + "_web").orElseThrow().path("CreatedAt").asText());
    assertThat(webCreated).as("the dependent is created after its dependency's task runs").isAfter(dbRunning);

    StackFile crashing = StackFile.web();
    crashing.service("web").failureAction("rollback").command("echo giving up; exit 1");
    writeStack(db, "active", crashing);
    writeStack(web, "active", dependent("2"));
    git.commitAndPush("a new version of both, the dependency's crashing");
    Instant since = Instant.now();
    PassReport second = aspen.deployPass();

    AppResult skipped = result(second, web, "active");
    assertThat(result(second, db, "active").status()).as(describe(second)).isEqualTo(AppStatus.FAILED);
    assertThat(skipped.status()).isEqualTo(AppStatus.SKIPPED);
    assertThat(skipped.reason()).contains("waiting on " + db + ", which failed");
    assertThat(engine.writes(since, Instant.now().plusSeconds(1), List.of(web))).as("the dependent is left untouched").isEmpty();
    assertThat(engine.serviceEnv(web + "_web")).contains("VERSION=1");
  }
}
