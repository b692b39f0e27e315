package se.kth.aspen.forge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import se.kth.aspen.core.port.CommitStatus;
import se.kth.aspen.core.port.Secret;

/**
 * One forge's "create a commit status" call: its route, its authentication header and its body,
 * as each forge documents them.
 */
abstract sealed class StatusRoute {

  static final ObjectMapper JSON = new ObjectMapper();

  final URI api;
  final String repository;
  final Secret token;

  StatusRoute(URI api, String repository, Secret token) {
    this.api = api;
    this.repository = repository;
    this.token = token;
  }

  static StatusRoute of(ForgeCommitStatuses.Provider provider, URI api, String repository, Secret token) {
    return switch (provider) {
      case GITHUB -> new GitHub(api, repository, token);
      case GITLAB -> new GitLab(api, repository, token);
      case GITEA -> new Gitea(api, repository, token);
      case BITBUCKET -> new Bitbucket(api, repository, token);
    };
  }

  abstract String path(CommitStatus status);

  abstract ObjectNode body(CommitStatus status);

  abstract HttpRequest.Builder authenticate(HttpRequest.Builder request);

  HttpRequest request(CommitStatus status, Duration timeout) {
    String base = api.toString().endsWith("/") ? api.toString().substring(0, api.toString().length() - 1) : api.toString();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path(status)))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "aspen")
        .POST(HttpRequest.BodyPublishers.ofString(body(status).toString(), StandardCharsets.UTF_8));
    return authenticate(request).build();
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

  /** GitHub: {@code POST /repos/{owner}/{repo}/statuses/{sha}}, a bearer token. */
  static final class GitHub extends StatusRoute {
    GitHub(URI api, String repository, Secret token) {
      super(api, repository, token);
    }

    @Override
    String path(CommitStatus status) {
      return "/repos" + segments(repository) + "/statuses/" + status.revision();
    }

    @Override
    ObjectNode body(CommitStatus status) {
      ObjectNode body = JSON.createObjectNode();
      body.put("state", switch (status.state()) {
        case PENDING -> "pending";
        case SUCCESS -> "success";
        case FAILURE -> "failure";
      });
      status.link().ifPresent(link -> body.put("target_url", link.toString()));
      body.put("description", status.description());
      body.put("context", status.context());
      return body;
    }

    @Override
    HttpRequest.Builder authenticate(HttpRequest.Builder request) {
      return request.header("Authorization", "Bearer " + token.text())
          .header("Accept", "application/vnd.github+json")
          .header("X-GitHub-Api-Version", "2022-11-28");
    }
  }

  /** GitLab: {@code POST /projects/{id}/statuses/{sha}}, the project's path encoded as its id, {@code PRIVATE-TOKEN}. */
  static final class GitLab extends StatusRoute {
    GitLab(URI api, String repository, Secret token) {
      super(api, repository, token);
    }

    @Override
    String path(CommitStatus status) {
      return "/projects/" + (repository.matches("\\d+") ? repository : encode(repository)) + "/statuses/" + status.revision();
    }

    @Override
    ObjectNode body(CommitStatus status) {
      ObjectNode body = JSON.createObjectNode();
      body.put("state", switch (status.state()) {
        case PENDING -> "pending";
        case SUCCESS -> "success";
        case FAILURE -> "failed";
      });
      body.put("name", status.context());
      status.link().ifPresent(link -> body.put("target_url", link.toString()));
      body.put("description", status.description());
      return body;
    }

    @Override
    HttpRequest.Builder authenticate(HttpRequest.Builder request) {
      return request.header("PRIVATE-TOKEN", token.text());
    }
  }

  /** Gitea and Forgejo: {@code POST /repos/{owner}/{repo}/statuses/{sha}}, {@code Authorization: token ...}. */
  static final class Gitea extends StatusRoute {
    Gitea(URI api, String repository, Secret token) {
      super(api, repository, token);
    }

    @Override
    String path(CommitStatus status) {
      return "/repos" + segments(repository) + "/statuses/" + status.revision();
    }

    @Override
    ObjectNode body(CommitStatus status) {
      ObjectNode body = JSON.createObjectNode();
      body.put("state", switch (status.state()) {
        case PENDING -> "pending";
        case SUCCESS -> "success";
        case FAILURE -> "failure";
      });
      status.link().ifPresent(link -> body.put("target_url", link.toString()));
      body.put("description", status.description());
      body.put("context", status.context());
      return body;
    }

    @Override
    HttpRequest.Builder authenticate(HttpRequest.Builder request) {
      return request.header("Authorization", "token " + token.text());
    }
  }

  /**
   * Bitbucket Cloud: {@code POST /repositories/{workspace}/{repo}/commit/{sha}/statuses/build},
   * a bearer (access) token. Bitbucket requires a URL: without Aspen's address, the commit's page.
   */
  static final class Bitbucket extends StatusRoute {
    Bitbucket(URI api, String repository, Secret token) {
      super(api, repository, token);
    }

    @Override
    String path(CommitStatus status) {
      return "/repositories" + segments(repository) + "/commit/" + status.revision() + "/statuses/build";
    }

    @Override
    ObjectNode body(CommitStatus status) {
      ObjectNode body = JSON.createObjectNode();
      body.put("key", status.context());
      body.put("state", switch (status.state()) {
        case PENDING -> "INPROGRESS";
        case SUCCESS -> "SUCCESSFUL";
        case FAILURE -> "FAILED";
      });
      body.put("name", status.context());
      body.put("url", status.link().map(URI::toString)
          .orElse("https://bitbucket.org" + segments(repository) + "/commits/" + status.revision()));
      body.put("description", status.description());
      return body;
    }

    @Override
    HttpRequest.Builder authenticate(HttpRequest.Builder request) {
      return request.header("Authorization", "Bearer " + token.text());
    }
  }
}
