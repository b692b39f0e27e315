package se.kth.aspen.runner.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.runner.page.PageFilter;
import se.kth.aspen.runner.page.RunnerFacts;
import se.kth.aspen.runner.page.StatusPage;
import se.kth.aspen.runner.state.WriteWatchingStateStore;

/** {@code GET /}: the status page, from the last report and the feed; read-only, like the JSON it mirrors. */
final class StatusPageEndpoint {

  private final ApiBackend backend;
  private final boolean tokenRequired;

  StatusPageEndpoint(ApiBackend backend, boolean tokenRequired) {
    this.backend = backend;
    this.tokenRequired = tokenRequired;
  }

  void serve(HttpExchange exchange) throws IOException {
    Optional<PassReport> report = backend.loop().lastReport();
    List<String> problems = problems(backend);
    RunnerFacts facts = new RunnerFacts(backend.runner(), backend.feed().version(), problems.isEmpty() ? "ok" : "degraded",
        problems, backend.loop().state().name(), peers(report, backend.runner()), tokenRequired, backend.feed().commits());
    String page = StatusPage.render(report, backend.feed().history().passes(), facts,
        PageFilter.parse(exchange.getRequestURI().getRawQuery()));
    exchange.getResponseHeaders().set("Content-Security-Policy", StatusPage.CONTENT_SECURITY_POLICY);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    Exchange.send(exchange, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  /** What makes the runner degraded, as {@code /healthz} lists it. */
  static List<String> problems(ApiBackend backend) {
    Optional<WriteWatchingStateStore.WriteProblem> unwritable = backend.state() instanceof WriteWatchingStateStore watched
        ? watched.writeProblem() : Optional.empty();
    return unwritable.map(p -> List.of("the state store cannot be written since " + p.since()
        + " (" + p.message() + "): deploys are not recorded and are done again until it can")).orElse(List.of());
  }

  /** The other runners the last pass found holding a lease: the peers this runner knows of. */
  private static List<String> peers(Optional<PassReport> report, String self) {
    TreeSet<String> peers = new TreeSet<>();
    report.map(PassReport::results).orElse(List.of()).stream()
        .map(AppResult::heldBy).flatMap(Optional::stream)
        .flatMap(holder -> holder.runner().stream())
        .filter(name -> !name.equals(self))
        .forEach(peers::add);
    return List.copyOf(peers);
  }
}
