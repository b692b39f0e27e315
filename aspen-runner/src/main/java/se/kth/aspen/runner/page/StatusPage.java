package se.kth.aspen.runner.page;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;

/**
 * The status page as one HTML document: style and script inline (nothing else to fetch), the
 * table complete on the server so that it reads without JavaScript. Every text that comes from
 * the registry or a pass is escaped.
 */
public final class StatusPage {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STYLE = resource("page.css");
  private static final String SCRIPT = resource("page.js");

  /** Only this page's own style and script run; it talks to nobody but the runner. */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
      + "'; script-src '" + sha256(SCRIPT) + "'; connect-src 'self'; img-src 'self' data:; form-action 'self'; "
      + "base-uri 'none'; frame-ancestors 'none'";

  private StatusPage() {}

  public static String render(Optional<PassReport> report, List<PassSummary> passes, RunnerFacts runner, PageFilter filter) {
    StringBuilder out = new StringBuilder(16_384);
    out.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        // No icon to fetch: browsers would ask for /favicon.ico otherwise.
        .append("<link rel=\"icon\" href=\"data:,\">")
        .append("<title>Aspen: ").append(Html.escape(runner.name())).append("</title>")
        .append("<style>").append(STYLE).append("</style></head>\n")
        .append("<body data-token-required=\"").append(runner.tokenRequired()).append('"')
        .append(runner.commits().map(c -> " data-commit-url=\"" + Html.escape(c.repository() + c.commitPath()) + '"').orElse(""))
        .append(">\n");
    header(out, report, runner);
    out.append("<main>\n<section aria-labelledby=\"passes-title\"><h2 id=\"passes-title\">Last passes</h2>")
        .append(Timeline.svg(passes))
        .append("<script type=\"application/json\" id=\"passes-data\">")
        .append(Html.scriptJson(passesJson(passes))).append("</script></section>\n");
    Grid grid = Grid.of(report);
    form(out, grid, filter);
    table(out, grid, filter, runner);
    out.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return out.toString();
  }

  private static void header(StringBuilder out, Optional<PassReport> report, RunnerFacts runner) {
    out.append("<header><h1>Aspen</h1><dl class=\"facts\">")
        .append("<div><dt>Runner</dt><dd id=\"runner\">").append(Html.escape(runner.name())).append("</dd></div>")
        .append("<div><dt>Version</dt><dd>").append(Html.escape(runner.version())).append("</dd></div>")
        .append("<div><dt>Health</dt><dd id=\"health\" class=\"health-").append(Html.escape(runner.health())).append("\">")
        .append(Html.escape(runner.health())).append("</dd></div>")
        .append("<div><dt>Loop</dt><dd id=\"loop\">").append(Html.escape(runner.loop())).append("</dd></div>")
        .append("<div><dt>Peers</dt><dd id=\"peers\">")
        .append(runner.peers().isEmpty() ? "none seen" : Html.escape(String.join(", ", runner.peers()))).append("</dd></div>")
        .append("<div><dt>Last pass</dt><dd id=\"last-pass\">")
        .append(report.map(r -> Html.escape(Timeline.time(r.startedAt()) + ", " + Timeline.seconds(r.duration())
            + ", revision ") + revision(r.revision(), runner)).orElse("none yet"))
        .append("</dd></div></dl>\n");
    List<String> problems = new ArrayList<>(runner.problems());
    report.ifPresent(r -> problems.addAll(r.problems()));
    if (!problems.isEmpty()) {
      out.append("<ul class=\"problems\">");
      problems.forEach(p -> out.append("<li>").append(Html.escape(p)).append("</li>"));
      out.append("</ul>");
    }
    out.append("<p class=\"actions\"><button type=\"button\" id=\"run-now\" hidden>Run a pass now</button> ")
        .append("<button type=\"button\" id=\"forget-token\" hidden>Forget the token</button></p>")
        .append("<form id=\"token-form\" hidden><label for=\"token\">API token (kept in this tab only)</label> ")
        .append("<input type=\"password\" id=\"token\" autocomplete=\"off\" required> <button type=\"submit\">Use it</button></form>")
        .append("<p id=\"live\" role=\"status\" aria-live=\"polite\"></p></header>\n");
  }

  private static void form(StringBuilder out, Grid grid, PageFilter filter) {
    out.append("<form id=\"filter\" role=\"search\" method=\"get\" action=\"/\" aria-label=\"Filter the apps\">")
        .append("<label for=\"q\">App or team</label> <input type=\"search\" id=\"q\" name=\"q\" value=\"")
        .append(Html.escape(filter.text())).append("\"> ")
        .append("<label for=\"cluster\">Cluster</label> <select id=\"cluster\" name=\"cluster\"><option value=\"\">all</option>");
    for (String cluster : grid.clusters()) {
      option(out, cluster, filter.cluster().equals(cluster));
    }
    out.append("</select> <label for=\"status\">Status</label> <select id=\"status\" name=\"status\"><option value=\"\">any</option>");
    for (AppStatus status : AppStatus.values()) {
      option(out, status.name(), filter.status().equals(status.name()));
    }
    out.append("</select> <button type=\"submit\">Filter</button></form>\n");
  }

  private static void option(StringBuilder out, String value, boolean selected) {
    out.append("<option").append(selected ? " selected" : "").append(" value=\"").append(Html.escape(value)).append("\">")
        .append(Html.escape(value)).append("</option>");
  }

  private static void table(StringBuilder out, Grid grid, PageFilter filter, RunnerFacts runner) {
    out.append("<table id=\"apps\"><caption>").append(grid.apps().size()).append(" apps on ")
        .append(grid.clusters().size()).append(" clusters</caption>\n<thead><tr><th scope=\"col\">App</th><th scope=\"col\">Team</th>");
    for (String cluster : grid.clusters()) {
      out.append("<th scope=\"col\" data-cluster=\"").append(Html.escape(cluster)).append('"')
          .append(filter.showsCluster(cluster) ? "" : " hidden").append('>').append(Html.escape(cluster)).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (Grid.Row row : grid.apps().values()) {
      boolean shown = filter.showsApp(row.app(), row.team()) && grid.clusters().stream().anyMatch(c -> filter.showsCluster(c)
          && row.cells().containsKey(c) && filter.showsStatus(row.cells().get(c).status().name()));
      out.append("<tr data-app=\"").append(Html.escape(row.app())).append("\" data-team=\"").append(Html.escape(row.team()))
          .append('"').append(shown ? "" : " hidden").append("><th scope=\"row\">").append(Html.escape(row.app()))
          .append("</th><td>").append(Html.escape(row.team())).append("</td>");
      for (String cluster : grid.clusters()) {
        cell(out, cluster, Optional.ofNullable(row.cells().get(cluster)), filter.showsCluster(cluster), runner);
      }
      out.append("</tr>\n");
    }
    out.append("</tbody></table>\n");
    if (grid.apps().isEmpty()) {
      out.append("<p id=\"empty\">No pass has reported any app yet.</p>\n");
    }
  }

  private static void cell(StringBuilder out, String cluster, Optional<AppResult> found, boolean shown, RunnerFacts runner) {
    out.append("<td class=\"cell\" data-cluster=\"").append(Html.escape(cluster)).append("\" data-status=\"")
        .append(found.map(r -> r.status().name()).orElse("")).append('"').append(shown ? "" : " hidden").append('>');
    if (found.isEmpty()) {
      out.append("<span class=\"none\">not here</span></td>");
      return;
    }
    CellText text = CellText.of(found.get());
    out.append("<span class=\"st st-").append(found.get().status().name()).append("\"><span aria-hidden=\"true\">")
        .append(text.symbol()).append("</span> ").append(found.get().status().name()).append("</span>");
    if (!text.version().isEmpty()) {
      out.append(" <span class=\"ver\">").append(Html.escape(text.version())).append("</span>");
    }
    if (!text.digest().isEmpty()) {
      out.append(" <code class=\"dg\" title=\"").append(Html.escape(text.digest())).append("\">")
          .append(Html.escape(CellText.shortDigest(text.digest()))).append("</code>");
    }
    found.get().lastDeploy().ifPresent(last -> out.append(" <span class=\"dep\">deployed ")
        .append(Html.escape(Timeline.time(last.at())))
        .append(last.revision().isEmpty() ? "" : " from " + revision(last.revision(), runner)).append("</span>"));
    if (!text.when().isEmpty()) {
      out.append(" <span class=\"when\">").append(Html.escape(text.when())).append("</span>");
    }
    if (!text.why().isEmpty()) {
      out.append(" <span class=\"why\">").append(Html.escape(text.why())).append("</span>");
    }
    if (found.get().status() == AppStatus.BLOCKED) {
      out.append(" <button type=\"button\" class=\"retry\" hidden>Retry</button>");
    }
    out.append("</td>");
  }

  private static String passesJson(List<PassSummary> passes) {
    ArrayNode array = JSON.createArrayNode();
    passes.forEach(p -> array.add(PassEvents.summary(p)));
    return array.toString();
  }

  /** The short revision, linked to its commit on the forge when that is known. */
  private static String revision(String revision, RunnerFacts runner) {
    String text = Html.escape(shortRevision(revision));
    return runner.commits().flatMap(links -> links.url(revision))
        .map(url -> "<a href=\"" + Html.escape(url) + "\">" + text + "</a>").orElse(text);
  }

  static String shortRevision(String revision) {
    return revision.isEmpty() ? "unknown" : revision.length() > 12 ? revision.substring(0, 12) : revision;
  }

  /** The last pass's results as rows of apps (sorted) by cluster (sorted). */
  record Grid(List<String> clusters, Map<String, Row> apps) {

    record Row(String app, String team, Map<String, AppResult> cells) {}

    static Grid of(Optional<PassReport> report) {
      TreeSet<String> clusters = new TreeSet<>();
      TreeMap<String, Row> apps = new TreeMap<>();
      for (AppResult result : report.map(PassReport::results).orElse(List.of())) {
        clusters.add(result.target().cluster());
        apps.computeIfAbsent(result.target().application(),
            app -> new Row(app, CellText.team(result.target().stackPath()), new LinkedHashMap<>()))
            .cells().putIfAbsent(result.target().cluster(), result);
      }
      return new Grid(List.copyOf(clusters), apps);
    }
  }

  private static String resource(String name) {
    try (InputStream in = StatusPage.class.getResourceAsStream("/status-page/" + name)) {
      if (in == null) {
        throw new IllegalStateException("status-page/" + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
