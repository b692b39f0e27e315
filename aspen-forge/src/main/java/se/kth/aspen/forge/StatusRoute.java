package se.kth.aspen.forge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import se.kth.aspen.core.port.CommitStatus;
import se.kth.aspen.core.port.Secret;

/**
 * One forge's "create a commit status" call: its route, its authentication headers and its body,
 * as each forge documents them. The forges differ only in the parts a {@link Dialect} names, so
 * one builder serves them all from the table in {@link #of}.
 */
final class StatusRoute {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What sets one forge's call apart.
   *
   * @param path the path below the API URL, from the repository and the commit
   * @param states the forge's word for each state
   * @param contextFields the body fields that carry the status's context (its name)
   * @param linkField the body field for the link
   * @param linkWhenNone a link for a forge that requires one, from the repository and the commit
   * @param headers the authentication (and API version) headers for a token
   */
  record Dialect(BiFunction<String, String, String> path, Map<CommitStatus.State, String> states,
      List<String> contextFields, String linkField, Optional<BiFunction<String, String, String>> linkWhenNone,
      Function<String, Map<String, String>> headers) {

    Dialect {
      states = Map.copyOf(states);
      contextFields = List.copyOf(contextFields);
      if (states.size() != CommitStatus.State.values().length || contextFields.isEmpty()) {
        throw new IllegalArgumentException("a forge names every state and at least one context field");
      }
    }
  }

  private static final Map<CommitStatus.State, String> LOWER_CASE = Map.of(
      CommitStatus.State.PENDING, "pending", CommitStatus.State.SUCCESS, "success", CommitStatus.State.FAILURE, "failure");

  /** GitHub, and Gitea and Forgejo, which copied its route: {@code /repos/{owner}/{repo}/statuses/{sha}}. */
  private static String reposStatuses(String repository, String revision) {
    return "/repos" + segments(repository) + "/statuses/" + revision;
  }

  static StatusRoute of(ForgeCommitStatuses.Provider provider, URI api, String repository, Secret token) {
    Dialect dialect = switch (provider) {
      // Bearer token, and the media type and API version GitHub asks clients to send.
      case GITHUB -> new Dialect(StatusRoute::reposStatuses, LOWER_CASE, List.of("context"), "target_url", Optional.empty(),
          t -> Map.of("Authorization", "Bearer " + t, "Accept", "application/vnd.github+json",
              "X-GitHub-Api-Version", "2022-11-28"));
      // The project's path, encoded, stands for its id; GitLab calls a failure "failed".
      case GITLAB -> new Dialect(
          (repo, sha) -> "/projects/" + (repo.matches("\\d+") ? repo : encode(repo)) + "/statuses/" + sha,
          Map.of(CommitStatus.State.PENDING, "pending", CommitStatus.State.SUCCESS, "success",
              CommitStatus.State.FAILURE, "failed"),
          List.of("name"), "target_url", Optional.empty(), t -> Map.of("PRIVATE-TOKEN", t));
      case GITEA -> new Dialect(StatusRoute::reposStatuses, LOWER_CASE, List.of("context"), "target_url", Optional.empty(),
          t -> Map.of("Authorization", "token " + t));
      // Bitbucket Cloud requires a URL: without Aspen's address, the commit's page.
      case BITBUCKET -> new Dialect(
          (repo, sha) -> "/repositories" + segments(repo) + "/commit/" + sha + "/statuses/build",
          Map.of(CommitStatus.State.PENDING, "INPROGRESS", CommitStatus.State.SUCCESS, "SUCCESSFUL",
              CommitStatus.State.FAILURE, "FAILED"),
          List.of("key", "name"), "url",
          Optional.of((repo, sha) -> "https://bitbucket.org" + segments(repo) + "/commits/" + sha),
          t -> Map.of("Authorization", "Bearer " + t));
    };
    return new StatusRoute(dialect, api, repository, token);
  }

  private final Dialect dialect;
  private final URI api;
  private final String repository;
  private final Secret token;

  private StatusRoute(Dialect dialect, URI api, String repository, Secret token) {
    this.dialect = dialect;
    this.api = api;
    this.repository = repository;
    this.token = token;
  }

  HttpRequest request(CommitStatus status, Duration timeout) {
    String base = api.toString().endsWith("/") ? api.toString().substring(0, api.toString().length() - 1) : api.toString();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + dialect.path().apply(repository, status.revision())))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "aspen")
        .POST(HttpRequest.BodyPublishers.ofString(body(status).toString(), StandardCharsets.UTF_8));
    dialect.headers().apply(token.text()).forEach(request::header);
    return request.build();
  }

  ObjectNode body(CommitStatus status) {
    ObjectNode body = JSON.createObjectNode();
    body.put("state", dialect.states().get(status.state()));
    dialect.contextFields().forEach(field -> body.put(field, status.context()));
    status.link().map(URI::toString)
        .or(() -> dialect.linkWhenNone().map(link -> link.apply(repository, status.revision())))
        .ifPresent(link -> body.put(dialect.linkField(), link));
    body.put("description", status.description());
    return body;
  }

  /** {@code owner/repo} as two path segments, each encoded. */
  static String segments(String repository) {
    StringBuilder out = new StringBuilder();
    for (String part : repository.split("/")) {
      out.append('/').append(encode(part));
    }
    return out.toString();
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
