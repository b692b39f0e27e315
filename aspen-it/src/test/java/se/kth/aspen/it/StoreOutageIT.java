package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.FailureKind;
import se.kth.aspen.core.pass.PassReport;

/** Redis down for several passes: one summary notice for the outage, not one per app and pass. */
class StoreOutageIT extends Scenario {

  @Test
  void threeAppsAndThreePassesWithRedisStoppedSendOneSummaryNotice() throws Exception {
    OwnProcess redis = OwnProcess.redis(Files.createDirectories(dir.resolve("redis")));
    closing.add(redis);
    env.put("REDIS_URL", "redis://127.0.0.1:" + redis.port());
    List<String> apps = List.of(app("outage-a"), app("outage-b"), app("outage-c"));
    for (String app : apps) {
      writeStack(app, "active", StackFile.web());
    }
    git.commitAndPush("three apps");
    Aspen aspen = Aspen.compose(env, dir, clock);
    closing.add(aspen);
    redis.kill();
    java.time.Instant started = java.time.Instant.now();

    for (int i = 0; i < 3; i++) {
      PassReport down = aspen.deployPass();
      assertThat(down.results()).as(describe(down)).hasSize(3)
          .allMatch(r -> r.status() == AppStatus.FAILED && r.failure().orElseThrow() == FailureKind.COULD_NOT_TRY);
    }
    drainNotices(aspen);

    List<String> errors = errors().stream().map(e -> e.path("message").asText()).toList();
    assertThat(errors).singleElement().asString().startsWith("3 apps could not be tried: Redis unreachable\n")
        .contains("active/" + apps.get(0), "active/" + apps.get(1), "active/" + apps.get(2));
    assertThat(writesSince(started)).as("nothing was deployed").isEmpty();
  }
}
