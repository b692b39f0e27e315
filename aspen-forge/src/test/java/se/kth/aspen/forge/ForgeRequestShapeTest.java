package se.kth.aspen.forge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.kth.aspen.core.port.CommitStatus;
import se.kth.aspen.core.port.Secret;

/**
 * Each forge's documented "create a commit status" request, field by field: method, path, the
 * authentication and API headers, and every body field with its value for each state.
 */
class ForgeRequestShapeTest {

  @RegisterExtension
  static WireMockExtension forge = WireMockExtension.newInstance()
      .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
      .build();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHA = "3b01b96e1f2a4c5d6e7f8091a2b3c4d5e6f70812";
  private static final Optional<URI> LINK = Optional.of(URI.create("https://aspen.example.org/api/v1/applications/active/app-a"));

  private ForgeCommitStatuses statuses;

  @AfterEach
  void close() {
    if (statuses != null) {
      statuses.close();
    }
  }

  @Test
  void gitHubGetsABearerTokenTheApiVersionAndStateTargetUrlDescriptionContext() throws Exception {
    List<LoggedRequest> sent = post(ForgeCommitStatuses.Provider.GITHUB, "/api", "kth/app-registry");

    assertThat(sent).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsOnly(
        "POST /api/repos/kth/app-registry/statuses/" + SHA);
    LoggedRequest first = sent.getFirst();
    assertThat(first.getHeader("Authorization")).isEqualTo("Bearer forge-token");
    assertThat(first.getHeader("Accept")).isEqualTo("application/vnd.github+json");
    assertThat(first.getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    assertThat(first.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(bodies(sent)).containsExactly(
        Map.of("state", "pending", "target_url", LINK.get().toString(), "description", "deploying to active", "context", "aspen/active/app-a"),
        Map.of("state", "success", "target_url", LINK.get().toString(), "description", "deployed", "context", "aspen/active/app-a"),
        Map.of("state", "failure", "description", "FAILED at Verify: no", "context", "aspen/active/app-a"));
  }

  @Test
  void gitLabGetsAPrivateTokenTheProjectPathAsIdAndFailedForAFailure() throws Exception {
    List<LoggedRequest> sent = post(ForgeCommitStatuses.Provider.GITLAB, "/api/v4", "team/sub/app-registry");

    assertThat(sent).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsOnly(
        "POST /api/v4/projects/team%2Fsub%2Fapp-registry/statuses/" + SHA);
    assertThat(sent.getFirst().getHeader("PRIVATE-TOKEN")).isEqualTo("forge-token");
    assertThat(sent.getFirst().containsHeader("Authorization")).isFalse();
    assertThat(bodies(sent)).containsExactly(
        Map.of("state", "pending", "name", "aspen/active/app-a", "target_url", LINK.get().toString(), "description", "deploying to active"),
        Map.of("state", "success", "name", "aspen/active/app-a", "target_url", LINK.get().toString(), "description", "deployed"),
        Map.of("state", "failed", "name", "aspen/active/app-a", "description", "FAILED at Verify: no"));
  }

  @Test
  void giteaAndForgejoGetATokenHeaderAndTheGitHubLikeBody() throws Exception {
    List<LoggedRequest> sent = post(ForgeCommitStatuses.Provider.parse("forgejo"), "/api/v1", "kth/app-registry");

    assertThat(sent).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsOnly(
        "POST /api/v1/repos/kth/app-registry/statuses/" + SHA);
    assertThat(sent.getFirst().getHeader("Authorization")).isEqualTo("token forge-token");
    assertThat(bodies(sent)).containsExactly(
        Map.of("state", "pending", "target_url", LINK.get().toString(), "description", "deploying to active", "context", "aspen/active/app-a"),
        Map.of("state", "success", "target_url", LINK.get().toString(), "description", "deployed", "context", "aspen/active/app-a"),
        Map.of("state", "failure", "description", "FAILED at Verify: no", "context", "aspen/active/app-a"));
  }

  @Test
  void bitbucketGetsKeyStateNameUrlDescriptionWithItsOwnStateNamesAndAlwaysAUrl() throws Exception {
    List<LoggedRequest> sent = post(ForgeCommitStatuses.Provider.BITBUCKET, "/2.0", "kth/app-registry");

    assertThat(sent).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsOnly(
        "POST /2.0/repositories/kth/app-registry/commit/" + SHA + "/statuses/build");
    assertThat(sent.getFirst().getHeader("Authorization")).isEqualTo("Bearer forge-token");
    assertThat(bodies(sent)).containsExactly(
        Map.of("key", "aspen/active/app-a", "state", "INPROGRESS", "name", "aspen/active/app-a", "url", LINK.get().toString(),
            "description", "deploying to active"),
        Map.of("key", "aspen/active/app-a", "state", "SUCCESSFUL", "name", "aspen/active/app-a", "url", LINK.get().toString(),
            "description", "deployed"),
        Map.of("key", "aspen/active/app-a", "state", "FAILED", "name", "aspen/active/app-a",
            "url", "https://bitbucket.org/kth/app-registry/commits/" + SHA, "description", "FAILED at Verify: no"));
  }

  /** Posts pending, success (both linked) and an unlinked failure; returns the requests in order. */
  private List<LoggedRequest> post(ForgeCommitStatuses.Provider provider, String apiPath, String repository) {
    forge.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201).withBody("{}")));
    statuses = ForgeCommitStatuses.builder(provider, URI.create(forge.baseUrl() + apiPath), repository, Secret.of("forge-token"))
        .build(new RecordingSleeper(), Clock.systemUTC());
    statuses.post(new CommitStatus(SHA, "aspen/active/app-a", CommitStatus.State.PENDING, "deploying to active", LINK));
    statuses.post(new CommitStatus(SHA, "aspen/active/app-a", CommitStatus.State.SUCCESS, "deployed", LINK));
    statuses.post(new CommitStatus(SHA, "aspen/active/app-a", CommitStatus.State.FAILURE, "FAILED at Verify: no", Optional.empty()));
    await().atMost(Duration.ofSeconds(10)).until(() -> statuses.posted() == 3);
    return forge.getAllServeEvents().reversed().stream().map(e -> e.getRequest()).map(LoggedRequest.class::cast).toList();
  }

  private static List<Map<String, Object>> bodies(List<LoggedRequest> sent) throws Exception {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (LoggedRequest r : sent) {
      JsonNode node = JSON.readTree(r.getBodyAsString());
      @SuppressWarnings("unchecked")
      Map<String, Object> map = JSON.convertValue(node, Map.class);
      out.add(map);
    }
    return out;
  }
}
