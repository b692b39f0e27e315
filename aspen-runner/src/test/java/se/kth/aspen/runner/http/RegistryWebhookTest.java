package se.kth.aspen.runner.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.catalogue.PushedImage;
import se.kth.aspen.core.catalogue.RepositoryStatus;
import se.kth.aspen.core.pass.PassListener;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.runner.loop.PassExecution;
import se.kth.aspen.runner.loop.SyncLoop;

class RegistryWebhookTest {

  static final String TOKEN = "s3cret-token";
  static final String PUSH = """
      {"events": [{"action": "push", "target": {"repository": "team/app", "tag": "1.2.4"},
        "request": {"host": "registry.example.org"}}]}
      """;

  final List<PushedImage> refreshed = new CopyOnWriteArrayList<>();
  final List<Set<String>> focusedPasses = new CopyOnWriteArrayList<>();
  final AtomicInteger wholePasses = new AtomicInteger();
  /** team/app:1.2.x concerns app-a and app-b; nothing else concerns anyone. */
  final TagEvents tags = new TagEvents() {
    @Override
    public void refreshAll() {}

    @Override
    public List<RepositoryStatus> statuses() {
      return List.of();
    }

    @Override
    public java.util.Map<String, List<String>> lists() {
      return java.util.Map.of();
    }

    @Override
    public Set<String> pushed(PushedImage image, Deadline deadline) {
      refreshed.add(image);
      return image.repository().equals("team/app") && image.tag().startsWith("1.2.") ? Set.of("app-a", "app-b") : Set.of();
    }
  };
  final SyncLoop loop = new SyncLoop(new PassExecution() {
    @Override
    public PassReport run(PassListener listener) {
      wholePasses.incrementAndGet();
      return Reports.report("rev");
    }

    @Override
    public PassReport runFor(Set<String> applications, PassListener listener) {
      focusedPasses.add(applications);
      return Reports.report("rev");
    }
  }, Duration.ofHours(1), List.of());
  final RegistryWebhook webhook = new RegistryWebhook(Optional.of(Secret.of(TOKEN)), tags, loop, Duration.ofSeconds(5));

  @AfterEach
  void stop() throws InterruptedException {
    loop.shutdown(Duration.ofSeconds(5));
  }

  RegistryWebhook.Reply post(Map<String, String> headers, String query, String body) {
    return webhook.handle(headers::get, query, body.getBytes(StandardCharsets.UTF_8), "test");
  }

  @Test
  void aPushInSomeAppsRangeStartsAPassForThoseAppsOnly() {
    loop.begin(false);
    loop.startSync();
    await().atMost(Duration.ofSeconds(5)).until(() -> wholePasses.get() == 1);

    RegistryWebhook.Reply reply = post(Map.of("Authorization", "Bearer " + TOKEN), null, PUSH);

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body().path("applications").toString()).isEqualTo("[\"app-a\",\"app-b\"]");
    assertThat(refreshed).containsExactly(new PushedImage(Optional.of("registry.example.org"), "team/app", "1.2.4"));
    await().atMost(Duration.ofSeconds(5)).until(() -> focusedPasses.size() == 1);
    assertThat(focusedPasses).containsExactly(Set.of("app-a", "app-b"));
    assertThat(wholePasses).hasValue(1);
  }

  @Test
  void aPushNoRangeTakesRefreshesTheListAndStartsNoPass() {
    loop.begin(true);
    await().atMost(Duration.ofSeconds(5)).until(() -> wholePasses.get() == 1);

    RegistryWebhook.Reply reply = post(Map.of("Authorization", "Bearer " + TOKEN), null, PUSH.replace("1.2.4", "2.0.0"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("message").asText()).isEqualTo("no application's range takes the pushed tag");
    assertThat(refreshed).hasSize(1);
    assertThat(focusedPasses).isEmpty();
  }

  @Test
  void dockerHubsTokenInTheQueryIsTaken() {
    loop.begin(true);
    String hub = "{\"push_data\": {\"tag\": \"1.2.9\"}, \"repository\": {\"repo_name\": \"team/app\"}}";

    assertThat(post(Map.of(), "token=" + TOKEN, hub).status()).isEqualTo(202);
    assertThat(post(Map.of(), "token=wrong", hub).status()).isEqualTo(401);
  }

  @Test
  void aWrongOrMissingTokenIs401AndAMalformedBody400AndNeitherRefreshesNorStartsAPass() throws Exception {
    loop.begin(true);
    await().atMost(Duration.ofSeconds(5)).until(() -> wholePasses.get() == 1);
    List<RegistryWebhook.Reply> replies = new ArrayList<>();

    replies.add(post(Map.of(), null, PUSH));
    replies.add(post(Map.of("Authorization", "Bearer wrong"), null, PUSH));
    replies.add(post(Map.of("Authorization", "Basic " + TOKEN), "", PUSH));
    RegistryWebhook.Reply malformed = post(Map.of("Authorization", "Bearer " + TOKEN), null, "{\"events\": [{\"action\": \"push\"");

    assertThat(replies).extracting(RegistryWebhook.Reply::status).containsOnly(401);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().path("message").asText()).isEqualTo("bad registry notification: the body is not JSON");
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
      assertThat(refreshed).isEmpty();
      assertThat(focusedPasses).isEmpty();
      assertThat(wholePasses).hasValue(1);
    });
  }

  @Test
  void withoutApiTokenEveryNotificationIsRefused() {
    RegistryWebhook open = new RegistryWebhook(Optional.empty(), tags, loop, Duration.ofSeconds(5));

    RegistryWebhook.Reply reply = open.handle(h -> null, null, PUSH.getBytes(StandardCharsets.UTF_8), "test");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(refreshed).isEmpty();
  }

  @Test
  void aStoppedLoopIsNotStartedByAPush() {
    loop.begin(false);

    RegistryWebhook.Reply reply = post(Map.of("Authorization", "Bearer " + TOKEN), null, PUSH);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("message").asText()).startsWith("sync is stopped");
    assertThat(focusedPasses).isEmpty();
  }
}
