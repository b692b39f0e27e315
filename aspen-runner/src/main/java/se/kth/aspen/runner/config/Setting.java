package se.kth.aspen.runner.config;

import java.util.Optional;

/**
 * Every environment name the runner reads, with its default and meaning. The names of the old
 * tool keep their meaning and defaults; the rest are Aspen's own. {@code --help}
 * and the README list them from here.
 */
public enum Setting {
  REGISTRY_REPOSITORY_URL(null, false, "the application registry: https://, ssh://, git@host:path, file:// or a plain local directory (read as it is, no git)"),
  REGISTRY_SUB_DIRECTORY(null, false, "where the local clone lives (relative to the working directory); default: <ASPEN_STATE_DIR>/registry"),
  CLUSTERS_TO_DEPLOY(null, false, "comma-separated cluster names (active, stage...) to deploy to, or * for every cluster of the directory; required by run and plan (the old tool deployed nothing without it)"),
  CLUSTER_STATUS_API_URL(null, false, "URL of the cluster status API, or a JSON file with CLUSTER_STATUS_URL_IS_FILE"),
  CLUSTER_STATUS_URL_IS_FILE(null, false, "set to anything: CLUSTER_STATUS_API_URL is a local file path"),
  VAULT_KEY_PATH(null, false, "file holding the master vault password"),
  APP_PWD_FILE_PATH(null, false, "Ansible Vault file of application passwords, encrypted with the master password"),
  DOCKER_REGISTRY_URL(null, false, "base URL (scheme://host:port) of the Docker registry semver ranges are resolved against"),
  DOCKER_REGISTRY_USER(null, false, "user for the Docker registry"),
  DOCKER_REGISTRY_PWD(null, true, "password for the Docker registry"),
  AZURE_REGISTRY_URL(null, false, "an Azure Container Registry (https://name.azurecr.io): images naming its host list tags through ACR's API with the AZURE_REGISTRY_* login"),
  AZURE_REGISTRY_USER(null, false, "user for the Azure Container Registry"),
  AZURE_REGISTRY_PWD(null, true, "password for the Azure Container Registry"),
  DOCKER_CONFIG(null, false, "directory of a Docker client config.json whose \"auths\" give logins for any other registry (by image host); unset: none is read"),
  REDIS_URL(null, true, "Redis for state (redis://[user:pwd@]host:port); unset: an embedded store under ASPEN_STATE_DIR"),
  MANAGEMENT_RES_GRP("default", false, "scopes state keys, so several Aspens can share one Redis"),
  PARALLELISM("5", false, "how many app deployments run at once"),
  SLACK_DEPLOYMENT_POST_URL(null, false, "notifier URL for verified deploys (PUT JSON)"),
  SLACK_ERROR_POST_URL(null, false, "notifier URL for errors (PUT JSON)"),
  SLACK_RECOMMENDATION_POST_URL(null, false, "notifier URL for label recommendations (PUT JSON)"),
  NOTIFY_RECOVERIES("false", false, "true: when a failed app deploys again, say so to SLACK_ERROR_POST_URL (in the error body, which Alvares shows as an error); false: only log it, as the old tool sent nothing"),
  VERIFY_START_DELAY_SECS("5", false, "seconds between checks that a deployed stack runs its replicas"),
  VERIFY_START_RETRY_TIMES("5", false, "checks before a deploy counts as failed"),
  REQUEST_TIMEOUT("5", false, "timeout of requests to other services (seconds, or 500ms, 10s, 1m)"),
  KNOWN_HOST_ENTRY(null, false, "a known_hosts line trusted for an ssh:// registry, besides KNOWN_HOST_FILE (surrounding double quotes are dropped, as the old tool did)"),
  KNOWN_HOST_FILE("/root/.ssh/known_hosts", false, "the known_hosts file used for ssh:// registries"),
  FRONT_END_RULE_LABEL("traefik.frontend.rule", false, "the deploy label holding a service's front-end rule"),
  SYNC_START_ON_RUN(null, false, "set to anything: `run` starts the loop at once (else: GET /api/v1/sync/start)"),
  DELAY_SECS_BETWEEN_RUNS("15", false, "seconds between the end of one pass and the start of the next"),
  ROOT_PATH_ALLOWED_APPS(null, false, "applications allowed to publish the site root through the front-end rule (separated by ; or ,)"),
  POLICIES("replicas,logging,restart,resources,front-end-rule,host-bind", false, "the policies every stack must follow before it is deployed (separated by , or ;), or none"),
  LOGGING_POLICY_OPTIONS("max-size,max-file", false, "logging policy: the logging.options every service must set"),
  RESTART_POLICY_KEYS("condition,delay,max_attempts", false, "restart policy: the deploy.restart_policy keys every service must set (condition, delay, max_attempts, window)"),
  RESOURCE_POLICY_KEYS("limits.cpus,limits.memory,reservations.cpus,reservations.memory", false, "resources policy: the deploy.resources values every service must set"),
  HOST_BIND_POLICY("warn", false, "host-bind policy: warn, deny or allow a service's bind of a host path (/:/host, /var/run/docker.sock) that HOST_BIND_ALLOW and the service's label se.kth.aspen.hostBind do not grant"),
  HOST_BIND_ALLOW(null, false, "host-bind policy: absolute host paths (separated by , or ;, each covering the paths below it) that a service's label se.kth.aspen.hostBind may be granted; unset: none"),
  EXCLUDED_APPS(null, false, "application names never deployed (separated by ; or ,)"),
  SKIP_DEPLOYMENT(null, false, "set to anything: plan and record, deploy nothing"),
  ASPEN_STATE_DIR("$HOME/.local/state/aspen", false, "the embedded state store and the default registry clone"),
  ASPEN_API_PORT("3005", false, "port of the HTTP API (0: any free port)"),
  ASPEN_API_BIND("0.0.0.0", false, "address the HTTP API listens on (127.0.0.1 to keep it local)"),
  API_TOKEN(null, true, "when set, every mutating endpoint requires Authorization: Bearer <token>"),
  STATUS_PAGE("true", false, "true: GET / on the API port serves the status page (apps by cluster, live); false: 404, the API alone"),
  WEBHOOK_SECRET(null, true, "secret of the git push webhooks (GitHub/Gitea HMAC, GitLab token); unset: webhooks refused"),
  LOG_FORMAT("plain", false, "plain or json (one JSON object per line)"),
  LOG_LEVEL("info", false, "trace, debug, info, warn or error"),
  DEBUG(null, false, "set to anything, even empty (as the old tool): log at debug, unless LOG_LEVEL says otherwise"),
  FAILED_RETRY_BACKOFF(null, false, "retry a failed desired state after this long (e.g. 15m), doubling per failure; unset: only on change or retry request"),
  FAILED_RETRY_BACKOFF_MAX("6h", false, "the longest FAILED_RETRY_BACKOFF grows to"),
  ROLLBACK_ON_FAILURE("false", false, "true: when a service of a stack fails to converge, roll back every service of that deploy"),
  PRUNE("false", false, "true: remove services no longer in a stack file"),
  DRIFT_POLICY("report", false, "report, revert or ignore: what to do with an unchanged app whose services no longer run what was deployed (label se.kth.aspen.drift overrides)"),
  PRUNE_GRACE("1h", false, "with PRUNE: a stack of this group whose <app>/<cluster> directory left the registry is removed only after this long (e.g. 1h, 30m)"),
  CONFIG_ROTATION("on", false, "on: file-based secrets and configs are named <stack>_<key>_<digest of content>, so changed content deploys; off: the CLI's names, and changed content is refused"),
  DOCKER_CERT_PATH(null, false, "directory with ca.pem, cert.pem, key.pem for TLS cluster endpoints"),
  SHUTDOWN_GRACE_SECS("30", false, "on SIGTERM, how long a running pass may take to finish before it is abandoned"),
  ASPEN_RUNNER_NAME(null, false, "this runner's name in its leases, logs and /healthz, so runners sharing one Redis can be told apart; default: <host name>/<process id>"),
  LEASE_TTL_SECS("30", false, "how long a target's deploy lease outlives a runner that died holding it (renewed every third of it)"),
  TAGS_REFRESH_SECS("300", false, "how long an image repository's tag list is used before it is listed again (less up to a quarter, so refreshes spread out); a push webhook refreshes it at once"),
  REGISTRY_CONCURRENCY("8", false, "the most requests to the Docker registry at once (tag lists and digests)"),
  COMMIT_STATUS_PROVIDER(null, false, "github, gitlab, gitea, forgejo or bitbucket: post a commit status per app and cluster on each revision deployed; unset: none"),
  COMMIT_STATUS_API_URL(null, false, "the forge's API (https://api.github.com, https://<host>/api/v4 ...); default: from REGISTRY_REPOSITORY_URL's host"),
  COMMIT_STATUS_TOKEN(null, true, "token the forge accepts for posting commit statuses"),
  COMMIT_STATUS_REPO(null, false, "the repository statuses are posted to (owner/name; GitLab: group/project or its id); default: from REGISTRY_REPOSITORY_URL"),
  ASPEN_PUBLIC_URL(null, false, "Aspen's address as users reach it (https://aspen.example.org): commit statuses link to the app in its API");

  private final String defaultText;
  private final boolean secret;
  private final String description;

  Setting(String defaultText, boolean secret, String description) {
    this.defaultText = defaultText;
    this.secret = secret;
    this.description = description;
  }

  /** The default as the user reads it, if any. */
  public Optional<String> defaultText() {
    return Optional.ofNullable(defaultText);
  }

  /** True when the value must never be shown. */
  public boolean secret() {
    return secret;
  }

  /** For a secret, the name that gives it as the path of a file holding it ({@code NAME_FILE}). */
  public Optional<String> fileName() {
    return secret ? Optional.of(name() + "_FILE") : Optional.empty();
  }

  /** Whether the environment name is one Aspen reads: a setting, or a secret's {@code _FILE} form. */
  public static boolean isName(String name) {
    for (Setting setting : values()) {
      if (setting.name().equals(name) || setting.fileName().filter(name::equals).isPresent()) {
        return true;
      }
    }
    return false;
  }

  public String description() {
    return description;
  }
}
