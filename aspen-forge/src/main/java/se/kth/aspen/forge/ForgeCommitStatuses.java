package se.kth.aspen.forge;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.port.CommitStatus;
import se.kth.aspen.core.port.CommitStatuses;
import se.kth.aspen.core.port.Secret;

/**
 * Commit statuses posted to GitHub, GitLab, Gitea/Forgejo or Bitbucket Cloud. {@link #post} queues
 * and returns at once; one daemon thread ({@code aspen-forge-sender}) posts in order, retrying
 * failures and waiting out rate limits, and {@link #close()} gives it a bounded time to finish.
 * The token is never logged.
 */
public final class ForgeCommitStatuses implements CommitStatuses, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ForgeCommitStatuses.class);

  /** The forges, each with its own route, authentication and state names. */
  public enum Provider {
    GITHUB,
    GITLAB,
    /** Gitea and Forgejo, which share the API. */
    GITEA,
    /** Bitbucket Cloud. */
    BITBUCKET;

    /** {@code github}, {@code gitlab}, {@code gitea} or {@code forgejo}, {@code bitbucket}, in any case. */
    public static Provider parse(String name) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      return switch (n) {
        case "github" -> GITHUB;
        case "gitlab" -> GITLAB;
        case "gitea", "forgejo" -> GITEA;
        case "bitbucket" -> BITBUCKET;
        default -> throw new IllegalArgumentException("\"" + name + "\" is no forge Aspen knows: github, gitlab, gitea, forgejo or bitbucket");
      };
    }
  }

  private final StatusSender sender;
  private final Thread thread;
  private final Duration drainTimeout;

  private ForgeCommitStatuses(Builder b, Sleeper sleeper, Clock clock) {
    StatusRoute route = StatusRoute.of(b.provider, b.apiUrl, b.repository, b.token);
    HttpClient http = HttpClient.newBuilder().connectTimeout(b.requestTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.sender = new StatusSender(route, http, new StatusSender.Settings(b.requestTimeout, b.queueCapacity, b.retries,
        b.firstBackoff, b.maxRateLimitWait, "commit statuses (" + b.provider.name().toLowerCase(Locale.ROOT) + " "
        + b.repository + ")"), sleeper, clock);
    this.drainTimeout = b.drainTimeout;
    this.thread = Thread.ofPlatform().daemon().name("aspen-forge-sender").start(sender);
  }

  public static Builder builder(Provider provider, URI apiUrl, String repository, Secret token) {
    return new Builder(provider, apiUrl, repository, token);
  }

  @Override
  public void post(CommitStatus status) {
    Objects.requireNonNull(status, "status");
    sender.offer(status);
  }

  int posted() {
    return sender.posted.get();
  }

  int dropped() {
    return sender.dropped.get();
  }

  /** Lets queued statuses go out for at most the drain timeout; what is left is logged and abandoned. */
  @Override
  public void close() {
    sender.closing();
    try {
      thread.join(drainTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("commit statuses: {} still waiting after {}; abandoned", sender.waiting(), drainTimeout);
      thread.interrupt();
    }
  }

  /**
   * The API a forge answers on, from the host of the registry's remote URL ({@code https://},
   * {@code ssh://} or {@code git@host:path}): {@code https://api.github.com} for github.com, else
   * {@code /api/v3} (GitHub Enterprise), {@code /api/v4} (GitLab), {@code /api/v1} (Gitea,
   * Forgejo) on that host; {@code https://api.bitbucket.org/2.0} for Bitbucket.
   */
  public static Optional<URI> defaultApiUrl(Provider provider, String remoteUrl) {
    Optional<String> host = RemoteRepository.host(remoteUrl);
    if (provider == Provider.BITBUCKET) {
      return Optional.of(URI.create("https://api.bitbucket.org/2.0"));
    }
    if (host.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(URI.create(switch (provider) {
      case GITHUB -> host.get().equals("github.com") ? "https://api.github.com" : "https://" + host.get() + "/api/v3";
      case GITLAB -> "https://" + host.get() + "/api/v4";
      case GITEA -> "https://" + host.get() + "/api/v1";
      case BITBUCKET -> throw new IllegalStateException("handled above");
    }));
  }

  /** {@code owner/repo} (GitLab: {@code group/sub/project}) from the registry's remote URL, without {@code .git}. */
  public static Optional<String> repositoryOf(String remoteUrl) {
    return RemoteRepository.path(remoteUrl);
  }

  /** Settings with the defaults of the notifier's delivery. */
  public static final class Builder {
    private final Provider provider;
    private final URI apiUrl;
    private final String repository;
    private final Secret token;
    private Duration requestTimeout = Duration.ofSeconds(5);
    private int queueCapacity = 1000;
    private int retries = 3;
    private Duration firstBackoff = Duration.ofSeconds(1);
    private Duration maxRateLimitWait = Duration.ofMinutes(15);
    private Duration drainTimeout = Duration.ofSeconds(10);

    private Builder(Provider provider, URI apiUrl, String repository, Secret token) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
      this.repository = Objects.requireNonNull(repository, "repository").strip();
      this.token = Objects.requireNonNull(token, "token");
      String scheme = apiUrl.getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme)) {
        throw new IllegalArgumentException("the forge's API URL must be http(s): " + apiUrl);
      }
      if (!this.repository.matches("[^/\\s]+(/[^/\\s]+)+") && !(provider == Provider.GITLAB && this.repository.matches("\\d+"))) {
        throw new IllegalArgumentException("\"" + repository + "\" names no repository: owner/name (GitLab: group/project or its id)");
      }
    }

    public Builder requestTimeout(Duration value) {
      this.requestTimeout = positive(value, "requestTimeout");
      return this;
    }

    public Builder queueCapacity(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("queueCapacity must be at least 1");
      }
      this.queueCapacity = value;
      return this;
    }

    /** Further attempts after a failure, and rate-limit waits at most, per status. */
    public Builder retries(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("retries must not be negative");
      }
      this.retries = value;
      return this;
    }

    public Builder firstBackoff(Duration value) {
      this.firstBackoff = positive(value, "firstBackoff");
      return this;
    }

    /** The longest a rate limit may hold the sender (a forge may ask for an hour). */
    public Builder maxRateLimitWait(Duration value) {
      this.maxRateLimitWait = positive(value, "maxRateLimitWait");
      return this;
    }

    public Builder drainTimeout(Duration value) {
      this.drainTimeout = positive(value, "drainTimeout");
      return this;
    }

    public ForgeCommitStatuses build() {
      return new ForgeCommitStatuses(this, Sleeper.REAL, Clock.systemUTC());
    }

    /** With a sleeper and clock of the test's. */
    ForgeCommitStatuses build(Sleeper sleeper, Clock clock) {
      return new ForgeCommitStatuses(this, sleeper, clock);
    }

    private static Duration positive(Duration value, String name) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be more than 0");
      }
      return value;
    }
  }
}
