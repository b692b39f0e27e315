package se.kth.aspen.runner.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tag catalogue's parameters through the real server: {@code ?refresh=tags}, {@code ?lists=true}, Docker Hub's {@code ?token=}. */
class TagsApiTest {

  static final String TOKEN = "tags-token";
  static final ObjectMapper JSON = new ObjectMapper();

  ApiFixture api;

  @AfterEach
  void close() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void aTriggerWithRefreshTagsListsEveryRepositoryAgainAndOneWithoutDoesNot() throws Exception {
    api = new ApiFixture(Optional.of(TOKEN), Optional.empty());

    assertThat(api.client.send("POST", "/api/v1/sync/trigger", TOKEN).statusCode()).isEqualTo(202);
    assertThat(api.tagRefreshes.get()).isZero();
    assertThat(api.client.send("POST", "/api/v1/sync/trigger?refresh=tags", TOKEN).statusCode()).isEqualTo(202);
    assertThat(api.tagRefreshes.get()).isEqualTo(1);
  }

  @Test
  void anUnknownRefreshIsABadRequestThatStartsNothing() throws Exception {
    api = new ApiFixture(Optional.of(TOKEN), Optional.empty());

    HttpResponse<String> answer = api.client.send("POST", "/api/v1/sync/trigger?refresh=digests", TOKEN);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("message").asText())
        .isEqualTo("bad request: refresh=digests is not known; refresh=tags is");
    assertThat(api.tagRefreshes.get()).isZero();
  }

  @Test
  void theListsThemselvesNeedTheTokenTheirAgesDoNot() throws Exception {
    api = new ApiFixture(Optional.of(TOKEN), Optional.empty());

    HttpResponse<String> ages = api.client.send("GET", "/api/v1/tags");
    HttpResponse<String> listsWithout = api.client.send("GET", "/api/v1/tags?lists=true");
    HttpResponse<String> lists = api.client.send("GET", "/api/v1/tags?lists=true", TOKEN);

    assertThat(ages.statusCode()).isEqualTo(200);
    JsonNode agesOnly = JSON.readTree(ages.body()).path("repositories").path(0);
    assertThat(agesOnly.path("repository").asText()).isEqualTo("registry.example.org/team/app");
    assertThat(agesOnly.path("tags").asInt()).isEqualTo(2);
    assertThat(agesOnly.has("list")).isFalse();
    assertThat(listsWithout.statusCode()).isEqualTo(401);
    assertThat(lists.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(lists.body()).path("repositories").path(0).path("list").toString())
        .isEqualTo("[\"1.0.0\",\"1.1.0\"]");
    assertThat(api.client.send("GET", "/api/v1/tags?lists=maybe", TOKEN).statusCode()).isEqualTo(400);
  }

  @Test
  void dockerHubsTokenInTheQueryReachesTheRegistryWebhook() throws Exception {
    api = new ApiFixture(Optional.of(TOKEN), Optional.empty());
    byte[] hub = "{\"push_data\": {\"tag\": \"1.2.9\"}, \"repository\": {\"repo_name\": \"team/app\"}}"
        .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> right = api.client.send("POST", "/api/v1/webhook/registry?token=" + TOKEN, Map.of(), hub);
    HttpResponse<String> wrong = api.client.send("POST", "/api/v1/webhook/registry?token=wrong", Map.of(), hub);

    assertThat(right.statusCode()).as(right.body()).isNotEqualTo(401).isLessThan(300);
    assertThat(wrong.statusCode()).isEqualTo(401);
  }
}
