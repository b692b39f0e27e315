package se.kth.aspen.runner.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.report.ReportJson;

/**
 * The endpoints. The old tool's keep their paths and bodies; mutating ones need
 * the bearer token when {@code API_TOKEN} is set; nothing a client sends can crash the runner.
 */
final class ApiRoutes implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
  private static final String CACHE_CLEARED = "Cache cleared";

  private final ApiBackend backend;
  private final Clock clock;
  private final BearerToken token;
  private final WebhookEndpoint webhook;
  private final RegistryWebhook registryWebhook;
  private final Optional<StatusPageEndpoint> page;
  private final Duration keepAlive;

  ApiRoutes(ApiBackend backend, Configuration.Api api, Clock clock) {
    this(backend, api, clock, EventStream.KEEP_ALIVE);
  }

  /** @param keepAlive how often an idle event stream sends a comment: well within the server's idle timeout */
  ApiRoutes(ApiBackend backend, Configuration.Api api, Clock clock, Duration keepAlive) {
    this.keepAlive = keepAlive;
    this.backend = backend;
    this.clock = clock;
    this.token = new BearerToken(api.token());
    this.webhook = new WebhookEndpoint(api.webhookSecret(), new DeliveryLog(clock, Duration.ofHours(24), 10_000),
        backend.loop());
    this.registryWebhook = new RegistryWebhook(api.token(), backend.tags(), backend.loop(), REGISTRY_REFRESH_WAIT);
    this.page = api.statusPage() ? Optional.of(new StatusPageEndpoint(backend, api.token().isPresent())) : Optional.empty();
  }

  /** How long a push notification waits for the pushed repository's fresh tag list. */
  private static final Duration REGISTRY_REFRESH_WAIT = Duration.ofSeconds(10);

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (Exchange.TooLarge e) {
        Exchange.json(exchange, 413, Exchange.message(e.getMessage()));
      } catch (Exchange.TooSlow e) {
        Exchange.json(exchange, 408, Exchange.message(e.getMessage()));
      } catch (PortException e) {
        log.warn("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.getMessage());
        Exchange.json(exchange, 503, Exchange.message(e.getMessage()));
      } catch (IllegalArgumentException e) {
        Exchange.json(exchange, 400, Exchange.message("bad request: " + e.getMessage()));
      } catch (RuntimeException e) {
        log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
        Exchange.json(exchange, 500, Exchange.message("internal error; see the runner's log"));
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException, PortException {
    String method = exchange.getRequestMethod();
    List<String> path = segments(exchange.getRequestURI().getRawPath());
    String joined = String.join("/", path);
    switch (joined) {
      case "" -> {
        if (page.isEmpty()) {
          Exchange.json(exchange, 404, Exchange.message("the status page is off (STATUS_PAGE=false); the API is under /api/v1"));
        } else if (allow(exchange, "GET")) {
          page.get().serve(exchange);
        }
      }
      case "api/v1/events" -> { if (allow(exchange, "GET")) EventStream.serve(exchange, backend.feed().events(), keepAlive); }
      case "healthz" -> { if (allow(exchange, "GET")) health(exchange); }
      case "metrics" -> {
        if (allow(exchange, "GET")) {
          Exchange.send(exchange, 200, backend.metrics().contentType(), backend.metrics().scrape());
        }
      }
      case "api/v1/state" -> {
        if (allow(exchange, "GET")) {
          // The old tool's body, unchanged: /healthz lists the passes.
          Exchange.json(exchange, 200, Exchange.JSON.createObjectNode().put("state", backend.loop().state().name()));
        }
      }
      case "api/v1/deployments" -> {
        if (allow(exchange, "GET")) {
          long count = backend.loop().lastReport().map(r -> r.count(AppStatus.DEPLOYED)).orElse(0L);
          Exchange.json(exchange, 200, Exchange.JSON.createObjectNode().put("deployments", count));
        }
      }
      case "api/v1/sync/start" -> {
        if (allow(exchange, "GET") && authorized(exchange)) {
          // The old tool's answers, word for word, 404 included: scripts check them.
          switch (backend.loop().startSync()) {
            case FIRST -> started(exchange, "Sync thread created and started");
            case RESTARTED -> started(exchange, "Sync thread started");
            case ALREADY_RUNNING -> Exchange.json(exchange, 404, Exchange.message("Sync thread already running"));
          }
        }
      }
      case "api/v1/sync/stop" -> {
        if (allow(exchange, "GET") && authorized(exchange)) {
          if (backend.loop().stopSync()) {
            log.info("sync stopped through the API by {}", exchange.getRemoteAddress());
            Exchange.json(exchange, 200, Exchange.message("Sync thread stopped"));
          } else {
            Exchange.json(exchange, 404, Exchange.message("Sync thread already stopped"));
          }
        }
      }
      case "api/v1/sync/trigger" -> {
        if (allow(exchange, "POST") && authorized(exchange)) {
          Exchange.body(exchange);
          if (refreshTags(exchange)) {
            backend.tags().refreshAll();
          }
          trigger(exchange, "a pass was asked for through the API");
        }
      }
      case "api/v1/applications" -> { if (allow(exchange, "GET")) applications(exchange); }
      case "api/v1/webhook/git" -> { if (allow(exchange, "POST")) webhook.handle(exchange); }
      case "api/v1/webhook/registry" -> {
        if (allow(exchange, "POST")) {
          byte[] body = Exchange.body(exchange);
          RegistryWebhook.Reply reply = registryWebhook.handle(exchange.getRequestHeaders()::getFirst,
              exchange.getRequestURI().getRawQuery(), body, exchange.getRemoteAddress());
          Exchange.json(exchange, reply.status(), reply.body());
        }
      }
      case "api/v1/tags" -> {
        // The lists name every tag of private repositories: only for holders of the token.
        boolean lists = listsAsked(exchange);
        if (allow(exchange, "GET") && (!lists || authorized(exchange))) {
          Exchange.json(exchange, 200, TagsJson.document(backend.tags().statuses(),
              lists ? backend.tags().lists() : java.util.Map.of(), clock.instant()));
        }
      }
      default -> routeWithParameters(exchange, method, path);
    }
  }

  private void routeWithParameters(HttpExchange exchange, String method, List<String> path)
      throws IOException, PortException {
    if (path.size() == 4 && path.subList(0, 3).equals(List.of("api", "v1", "status"))) {
      if (allow(exchange, "GET")) {
        ObjectNode body = Exchange.JSON.createObjectNode()
            .put("sync_thread_running", backend.loop().syncing())
            .put("cache_size", backend.state().count(path.get(3)));
        Exchange.json(exchange, 200, body);
      }
    } else if ((path.size() == 5 || path.size() == 6) && path.subList(0, 3).equals(List.of("api", "v1", "cache"))) {
      if (allow(exchange, "DELETE") && authorized(exchange)) {
        forget(exchange, path.get(3), path.get(4), path.size() == 6 ? Optional.of(path.get(5)) : Optional.empty());
      }
    } else if (path.size() == 5 && path.subList(0, 3).equals(List.of("api", "v1", "applications"))) {
      if (allow(exchange, "GET")) {
        application(exchange, path.get(3), path.get(4));
      }
    } else if (path.size() == 6 && path.subList(0, 3).equals(List.of("api", "v1", "applications"))
        && path.get(5).equals("retry")) {
      if (allow(exchange, "POST") && authorized(exchange)) {
        Exchange.body(exchange);
        retry(exchange, path.get(3), path.get(4));
      }
    } else {
      Exchange.json(exchange, 404, Exchange.message("no such endpoint: " + method + " /" + String.join("/", path)));
    }
  }

  /** {@code "passes"}: the passes under way, oldest first: whole, or focused with their applications. */
  private void passesRunning(ObjectNode body) {
    com.fasterxml.jackson.databind.node.ArrayNode passes = body.putArray("passes");
    for (se.kth.aspen.runner.loop.SyncLoop.RunningPass pass : backend.loop().running()) {
      ObjectNode shown = passes.addObject().put("kind", pass.kind().name().toLowerCase(java.util.Locale.ROOT))
          .put("startedAt", pass.startedAt().toString());
      if (!pass.applications().isEmpty()) {
        new java.util.TreeSet<>(pass.applications()).forEach(shown.putArray("applications")::add);
      }
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    List<String> problems = StatusPageEndpoint.problems(backend);
    ObjectNode body = Exchange.JSON.createObjectNode().put("status", problems.isEmpty() ? "ok" : "degraded")
        .put("runner", backend.runner()).put("state", backend.loop().state().name());
    passesRunning(body);
    if (!problems.isEmpty()) {
      problems.forEach(body.putArray("problems")::add);
    }
    backend.loop().lastReport().ifPresent(r -> body.put("lastPassStartedAt", r.startedAt().toString())
        .put("revision", r.revision()));
    Exchange.json(exchange, 200, body);
  }

  private void applications(HttpExchange exchange) throws IOException {
    Optional<PassReport> last = backend.loop().lastReport();
    if (last.isEmpty()) {
      ObjectNode empty = Exchange.JSON.createObjectNode().put("revision", "");
      empty.putArray("results");
      Exchange.json(exchange, 200, empty);
      return;
    }
    Exchange.json(exchange, 200, ReportJson.document(last.get()));
  }

  /** One app on one cluster as the last pass left it: where commit statuses link to. */
  private void application(HttpExchange exchange, String cluster, String application) throws IOException {
    Optional<AppResult> found = backend.loop().lastReport().stream().flatMap(r -> r.results().stream())
        .filter(r -> r.target().cluster().equals(cluster) && r.target().application().equals(application))
        .findFirst();
    if (found.isEmpty()) {
      Exchange.json(exchange, 404, Exchange.message("the last pass has no app " + application + " on cluster " + cluster));
      return;
    }
    ObjectNode body = ReportJson.result(found.get());
    backend.loop().lastReport().ifPresent(r -> body.put("revision", r.revision()));
    Exchange.json(exchange, 200, body);
  }

  private void trigger(HttpExchange exchange, String why) throws IOException {
    if (backend.loop().trigger()) {
      log.info("{} (from {})", why, exchange.getRemoteAddress());
      Exchange.json(exchange, 202, Exchange.message("Pass triggered"));
    } else {
      Exchange.json(exchange, 503, Exchange.message("shutting down: no new pass starts"));
    }
  }

  private void started(HttpExchange exchange, String message) throws IOException {
    log.info("sync started through the API by {}", exchange.getRemoteAddress());
    Exchange.json(exchange, 200, Exchange.message(message));
  }

  /**
   * Forgets state as the old tool's cache deletion did, with its answer: 200 {@code Cache
   * cleared} whether or not there was anything to forget (an app no pass has seen yet included);
   * {@code forgotten} says how many targets' state went.
   */
  private void forget(HttpExchange exchange, String group, String cluster, Optional<String> app)
      throws IOException, PortException {
    // The old tool's cache held the tag lists too: clearing it made the next pass list them again.
    backend.tags().refreshAll();
    if (app.isEmpty()) {
      int forgotten = backend.state().forgetCluster(group, cluster);
      log.info("forgot the state of {} apps of {}/{} through the API", forgotten, group, cluster);
      Exchange.json(exchange, 200, Exchange.message(CACHE_CLEARED).put("forgotten", forgotten));
      return;
    }
    List<TargetKey> keys = keys(group, cluster, app.get());
    int forgotten = 0;
    for (TargetKey key : keys) {
      forgotten += backend.state().forget(key) ? 1 : 0;
    }
    log.info("forgot the state of {}/{}/{} through the API: it deploys on the next pass", group, cluster, app.get());
    Exchange.json(exchange, 200, Exchange.message(CACHE_CLEARED).put("forgotten", forgotten));
  }

  private void retry(HttpExchange exchange, String cluster, String app) throws IOException, PortException {
    List<TargetKey> keys = keys(backend.group(), cluster, app);
    if (keys.isEmpty()) {
      Exchange.json(exchange, 404, Exchange.message(unknownApp(cluster, app)));
      return;
    }
    boolean any = false;
    for (TargetKey key : keys) {
      any |= backend.retry().retry(key);
    }
    if (!any) {
      Exchange.json(exchange, 409, Exchange.message(cluster + "/" + app + " has no failed deploy to retry"));
      return;
    }
    log.info("retry of {}/{} asked for through the API by {}", cluster, app, exchange.getRemoteAddress());
    backend.loop().trigger();
    Exchange.json(exchange, 202, Exchange.message(cluster + "/" + app + " is tried again in a pass starting now"));
  }

  /** The state keys of an app on a cluster, as the last pass found it in the registry. */
  private List<TargetKey> keys(String group, String cluster, String app) {
    return backend.loop().lastReport().map(PassReport::results).orElse(List.of()).stream()
        .map(AppResult::target)
        .filter(t -> t.cluster().equals(cluster) && t.application().equals(app))
        .map(t -> t.key(group))
        .distinct()
        .toList();
  }

  private String unknownApp(String cluster, String app) {
    return backend.loop().lastReport().isEmpty()
        ? "no pass has run yet, so " + cluster + "/" + app + " is not known; try again after the first pass"
        : "the last pass found no application " + app + " on cluster " + cluster;
  }

  /** {@code ?refresh=tags}: list every repository's tags again before the pass uses them. */
  private static boolean refreshTags(HttpExchange exchange) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return false;
    }
    for (String pair : query.split("&")) {
      if (pair.equals("refresh=tags")) {
        return true;
      }
      if (pair.startsWith("refresh=")) {
        throw new IllegalArgumentException("refresh=" + pair.substring(8) + " is not known; refresh=tags is");
      }
    }
    return false;
  }

  /** {@code ?lists=true}: the tag lists themselves, not only their ages. */
  private static boolean listsAsked(HttpExchange exchange) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return false;
    }
    boolean asked = false;
    for (String pair : query.split("&")) {
      switch (pair) {
        case "lists=true" -> asked = true;
        case "lists=false" -> asked = false;
        default -> {
          if (pair.startsWith("lists=")) {
            throw new IllegalArgumentException(pair + " is not known; lists=true or lists=false is");
          }
        }
      }
    }
    return asked;
  }

  private boolean allow(HttpExchange exchange, String method) throws IOException {
    if (exchange.getRequestMethod().equals(method)) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", method);
    Exchange.json(exchange, 405, Exchange.message(exchange.getRequestMethod() + " is not allowed here; use " + method));
    return false;
  }

  private boolean authorized(HttpExchange exchange) throws IOException {
    if (token.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return true;
    }
    log.warn("refused {} {} from {}: missing or wrong bearer token", exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(), exchange.getRemoteAddress());
    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"aspen\"");
    Exchange.json(exchange, 401, Exchange.message("this endpoint needs Authorization: Bearer <API_TOKEN>"));
    return false;
  }

  /** The decoded, non-empty path segments; {@code ..} and {@code .} are refused. */
  static List<String> segments(String rawPath) {
    List<String> segments = Arrays.stream(rawPath == null ? new String[0] : rawPath.split("/"))
        .filter(s -> !s.isEmpty())
        .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
        .toList();
    for (String segment : segments) {
      if (segment.equals(".") || segment.equals("..") || segment.contains("/")) {
        throw new IllegalArgumentException("path segment \"" + segment + "\" is not allowed");
      }
    }
    return segments;
  }
}
