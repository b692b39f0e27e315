package se.kth.aspen.runner.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookTest {

  private static final String SECRET = "hook-secret";
  private static final byte[] PUSH = "{\"ref\":\"refs/heads/main\",\"after\":\"3b01b96e\"}".getBytes(StandardCharsets.UTF_8);

  private ApiFixture api;

  @AfterEach
  void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  private void startSyncing(Optional<String> secret) throws Exception {
    api = new ApiFixture(Optional.of("api-token"), secret);
    api.loop.startSync();
    await().atMost(Duration.ofSeconds(10)).until(() -> api.passes.get() == 1 && api.loop.lastReport().isPresent());
  }

  private static String hmac(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  private HttpResponse<String> post(Map<String, String> headers, byte[] body) throws Exception {
    return api.client.send("POST", "/api/v1/webhook/git", headers, body);
  }

  @Test
  void aSignedGithubPushStartsAPassAtOnceAndItsReplayIsRefused() throws Exception {
    startSyncing(Optional.of(SECRET));
    Map<String, String> headers = Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "d-1",
        "X-Hub-Signature-256", "sha256=" + hmac(SECRET, PUSH));

    HttpResponse<String> first = post(headers, PUSH);
    assertThat(first.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> api.passes.get() == 2);

    HttpResponse<String> replay = post(headers, PUSH);
    assertThat(replay.statusCode()).isEqualTo(409);
    assertThat(replay.body()).contains("delivery d-1 was already received");
  }

  @Test
  void aCapturedGithubBodyReplayedUnderANewDeliveryIdIsRefused() throws Exception {
    startSyncing(Optional.of(SECRET));
    String signature = "sha256=" + hmac(SECRET, PUSH);
    assertThat(post(Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "r-1", "X-Hub-Signature-256", signature), PUSH)
        .statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> api.passes.get() == 2);

    HttpResponse<String> replay = post(Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "r-2-made-up",
        "X-Hub-Signature-256", signature), PUSH);

    assertThat(replay.statusCode()).isEqualTo(409);
    assertThat(replay.body()).contains("a replay under a new delivery id");
    assertThat(api.passes.get()).isEqualTo(2);
  }

  @Test
  void aGithubPushWithAWrongSignatureIsRefusedAndStartsNothing() throws Exception {
    startSyncing(Optional.of(SECRET));

    HttpResponse<String> forged = post(Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "d-2",
        "X-Hub-Signature-256", "sha256=" + hmac("other-secret", PUSH)), PUSH);
    HttpResponse<String> notHex = post(Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=zz"), PUSH);
    HttpResponse<String> unsigned = post(Map.of("X-GitHub-Event", "push"), PUSH);

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("the GitHub signature does not match the body and WEBHOOK_SECRET");
    assertThat(notHex.statusCode()).isEqualTo(401);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(api.passes.get()).isEqualTo(1);
  }

  @Test
  void aForgedDeliveryDoesNotSpendItsIdForTheRealOne() throws Exception {
    startSyncing(Optional.of(SECRET));
    post(Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "d-3", "X-Hub-Signature-256", "sha256=00"), PUSH);

    HttpResponse<String> real = post(Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "d-3",
        "X-Hub-Signature-256", "sha256=" + hmac(SECRET, PUSH)), PUSH);

    assertThat(real.statusCode()).isEqualTo(202);
  }

  @Test
  void giteaPushesAreCheckedByTheirOwnSignature() throws Exception {
    startSyncing(Optional.of(SECRET));

    HttpResponse<String> good = post(Map.of("X-Gitea-Event", "push", "X-Gitea-Delivery", "g-1",
        "X-Gitea-Signature", hmac(SECRET, PUSH)), PUSH);
    HttpResponse<String> bad = post(Map.of("X-Gitea-Event", "push", "X-Gitea-Delivery", "g-2",
        "X-Gitea-Signature", hmac("nope", PUSH)), PUSH);
    HttpResponse<String> replay = post(Map.of("X-Gitea-Event", "push", "X-Gitea-Delivery", "g-1",
        "X-Gitea-Signature", hmac(SECRET, PUSH)), PUSH);

    assertThat(good.statusCode()).isEqualTo(202);
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(replay.statusCode()).isEqualTo(409);
  }

  @Test
  void gitlabPushesAreCheckedByTheirTokenAndWithoutADeliveryIdAnExactReplayIsStillCaught() throws Exception {
    startSyncing(Optional.of(SECRET));

    HttpResponse<String> good = post(Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET), PUSH);
    HttpResponse<String> bad = post(Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "guess"), PUSH);
    HttpResponse<String> replay = post(Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET), PUSH);

    assertThat(good.statusCode()).isEqualTo(202);
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.body()).contains("the GitLab token does not match WEBHOOK_SECRET");
    assertThat(replay.statusCode()).isEqualTo(409);
  }

  @Test
  void withoutAWebhookSecretEveryDeliveryIsRefused() throws Exception {
    startSyncing(Optional.empty());
    HttpResponse<String> response = post(Map.of("X-GitHub-Event", "push",
        "X-Hub-Signature-256", "sha256=" + hmac("anything", PUSH)), PUSH);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("webhooks are off: set WEBHOOK_SECRET to accept them");
  }

  @Test
  void aSignedEventThatIsNoPushStartsNoPass() throws Exception {
    startSyncing(Optional.of(SECRET));
    HttpResponse<String> ping = post(Map.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", "p-1",
        "X-Hub-Signature-256", "sha256=" + hmac(SECRET, PUSH)), PUSH);
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(api.passes.get()).isEqualTo(1);
  }

  @Test
  void aPushWhileSyncIsStoppedDeploysNothingUntilItIsStarted() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.of(SECRET));
    HttpResponse<String> response = post(Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "s-1",
        "X-Hub-Signature-256", "sha256=" + hmac(SECRET, PUSH)), PUSH);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("sync is stopped");
    assertThat(api.passes.get()).isZero();
  }
}
