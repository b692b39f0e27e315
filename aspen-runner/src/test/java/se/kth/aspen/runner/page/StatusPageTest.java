package se.kth.aspen.runner.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.AppTarget;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.runner.http.Reports;

class StatusPageTest {

  private static final RunnerFacts RUNNER = new RunnerFacts("runner-1", "aspen 0.1.0 (git abc)", "ok", List.of(),
      "WAITING", List.of(), true);
  private static final Instant SINCE = Instant.parse("2026-11-25T20:00:00Z");

  private static String render(PassReport report, PageFilter filter) {
    return StatusPage.render(Optional.of(report), List.of(), RUNNER, filter);
  }

  @Test
  void anAppNamedScriptAndAReasonWithMarkupShowAsTextNeverAsMarkup() {
    AppResult hostile = Reports.failed("<script>alert(1)</script>", "active", "Read",
        "line 3: \"<img src=x onerror=alert(2)>\" & more");
    String page = render(Reports.report("abc", hostile), PageFilter.NONE);

    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("Read: line 3: &quot;&lt;img src=x onerror=alert(2)&gt;&quot; &amp; more")
        .doesNotContain("<script>alert(1)").doesNotContain("<img");
    // The page's own script and its data block, nothing else.
    assertThat(Pattern.compile("<script").matcher(page).results().count()).isEqualTo(2);
  }

  @Test
  void filterTextFromTheQueryIsEchoedEscapedAndCannotCloseTheAttribute() {
    String page = render(Reports.report("abc"), PageFilter.parse("q=%22%3E%3Cscript%3Ex"));

    assertThat(page).contains("value=\"&quot;&gt;&lt;script&gt;x\"").doesNotContain("\"><script>x");
  }

  @Test
  void aBlockedCellSaysSinceWhenAndWhyWithTheStatusWordBesideItsSymbolAndOffersRetry() {
    String page = render(Reports.report("abc", Reports.blocked("app-b", "active", SINCE)), PageFilter.NONE);

    assertThat(cell(page, "app-b", "active")).contains("data-status=\"BLOCKED\"")
        .contains("<span aria-hidden=\"true\">\u2298</span> BLOCKED")
        .contains("since 2026-11-25 20:00:00Z")
        .contains("Verify: service web did not converge: task failed (exit 1)")
        .contains("<button type=\"button\" class=\"retry\" hidden>Retry</button>");
  }

  @Test
  void aDeployedCellShowsTheTagAndTheShortDigestWithTheFullOneInItsTitle() {
    String digest = "sha256:d415f1f340b0" + "0".repeat(52);
    String page = render(Reports.report("abc", Reports.deployed("app-a", "active", "127.0.0.1:5000/busybox:1.2.4_0a1b2c3@" + digest)),
        PageFilter.NONE);

    assertThat(cell(page, "app-a", "active")).contains("DEPLOYED").contains("<span class=\"ver\">1.2.4_0a1b2c3</span>")
        .contains("<code class=\"dg\" title=\"" + digest + "\">d415f1f340b0</code>");
  }

  @Test
  void appsAreRowsClustersColumnsAndAnAppMissingOnAClusterSaysSo() {
    String page = render(Reports.report("abc", Reports.deployed("app-a", "active", "r/a:1"),
        Reports.deployed("app-a", "stage", "r/a:2"), Reports.deployed("app-b", "stage", "r/b:1")), PageFilter.NONE);

    assertThat(page).contains("<th scope=\"col\" data-cluster=\"active\">active</th><th scope=\"col\" data-cluster=\"stage\">stage</th>")
        .contains("<caption>2 apps on 2 clusters</caption>");
    assertThat(cell(page, "app-b", "active")).contains("not here");
    assertThat(cell(page, "app-a", "stage")).contains(">2</span>");
  }

  @Test
  void theFilterInTheQueryHidesRowsAndColumnsOnTheServerSoItWorksWithoutJavaScript() {
    PassReport report = Reports.report("abc", Reports.deployed("app-a", "active", "r/a:1"),
        Reports.blocked("app-b", "active", SINCE), Reports.deployed("other", "stage", "r/o:1"));

    String byStatus = render(report, PageFilter.parse("status=blocked"));
    assertThat(rowTag(byStatus, "app-a")).endsWith(" hidden>");
    assertThat(rowTag(byStatus, "app-b")).doesNotContain("hidden");
    assertThat(byStatus).contains("<option selected value=\"BLOCKED\">");

    String byName = render(report, PageFilter.parse("q=APP&cluster=active"));
    assertThat(rowTag(byName, "app-a")).doesNotContain("hidden");
    assertThat(rowTag(byName, "other")).endsWith(" hidden>");
    assertThat(byName).contains("<th scope=\"col\" data-cluster=\"stage\" hidden>");
  }

  @Test
  void theTeamIsTheRegistryDirectoryAboveTheAppAndTheFilterMatchesIt() {
    AppResult inTeam = new AppResult(new AppTarget("web", "active", java.nio.file.Path.of("/r/payments/web/active"),
        "payments/web/active/docker-stack.yml"), AppStatus.UNCHANGED, Optional.empty(), Optional.empty(),
        new TreeMap<>(Map.of("api", "r/api:3", "worker", "r/worker:4")), Duration.ZERO, Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(), List.of());
    String page = render(Reports.report("abc", inTeam, Reports.deployed("lonely", "active", "r/l:1")), PageFilter.parse("q=pay"));

    assertThat(row(page, "web")).contains("<td>payments</td>").contains("api 3, worker 4");
    assertThat(rowTag(page, "web")).doesNotContain("hidden");
    assertThat(rowTag(page, "lonely")).endsWith(" hidden>");
  }

  @Test
  void theHeaderTellsRunnerVersionHealthLoopPeersAndTheLastPass() {
    RunnerFacts degraded = new RunnerFacts("runner-1", "aspen 9.9.9", "degraded", List.of("the state store cannot be written"),
        "RUNNING", List.of("runner-2"), false);
    String page = StatusPage.render(Optional.of(Reports.report("0123456789abcdef")), List.of(), degraded, PageFilter.NONE);

    assertThat(page).contains("<dd id=\"runner\">runner-1</dd>", "<dd>aspen 9.9.9</dd>", "class=\"health-degraded\">degraded",
        "<dd id=\"loop\">RUNNING</dd>", "<dd id=\"peers\">runner-2</dd>", "2026-11-25 21:00:00Z, 3.0 s, revision 0123456789ab",
        "<li>the state store cannot be written</li>", "data-token-required=\"false\"");
  }

  @Test
  void aCellSaysWhenAndFromWhichRevisionWhatRunsWasDeployedLinkedToTheCommit() {
    RunnerFacts linked = new RunnerFacts("runner-1", "aspen", "ok", List.of(), "WAITING", List.of(), true,
        CommitLinks.of("https://github.com/org/registry.git"));
    AppResult blocked = Reports.blockedOver("app-b", "active", SINCE, Instant.parse("2026-11-20T08:30:00Z"), "fedcba9876543210");
    String page = StatusPage.render(Optional.of(Reports.report("abc", blocked)), List.of(), linked, PageFilter.NONE);

    assertThat(cell(page, "app-b", "active")).contains("<span class=\"dep\">deployed 2026-11-20 08:30:00Z from "
        + "<a href=\"https://github.com/org/registry/commit/fedcba9876543210\">fedcba987654</a></span>");
    assertThat(page).contains("data-commit-url=\"https://github.com/org/registry/commit/\"");
    assertThat(cell(render(Reports.report("abc", blocked), PageFilter.NONE), "app-b", "active"))
        .contains("deployed 2026-11-20 08:30:00Z from fedcba987654</span>");
    assertThat(cell(render(Reports.report("abc", Reports.blocked("app-b", "active", SINCE)), PageFilter.NONE), "app-b", "active"))
        .doesNotContain("deployed ");
  }

  @Test
  void theLastPassesRevisionLinksToItsCommitWhenTheForgeIsKnown() {
    RunnerFacts linked = new RunnerFacts("runner-1", "aspen", "ok", List.of(), "WAITING", List.of(), true,
        CommitLinks.of("git@github.com:org/registry.git"));
    String page = StatusPage.render(Optional.of(Reports.report("0123456789abcdef")), List.of(), linked, PageFilter.NONE);

    assertThat(page).contains("revision <a href=\"https://github.com/org/registry/commit/0123456789abcdef\">0123456789ab</a>");
    assertThat(render(Reports.report("0123456789abcdef"), PageFilter.NONE)).contains("revision 0123456789ab</dd>");
  }

  @Test
  void theTimelineDrawsABarPerPassAsHighAsItWasLongColouredByWhatItDid() {
    List<PassSummary> passes = List.of(
        new PassSummary(SINCE, Duration.ofSeconds(1), "a", 10, 0, 0, false),
        new PassSummary(SINCE.plusSeconds(60), Duration.ofSeconds(4), "b", 10, 2, 1, false),
        PassSummary.crashedAt(SINCE.plusSeconds(120)));
    String svg = Timeline.svg(passes);

    assertThat(svg).contains("<rect class=\"quiet\" x=\"1.0\" y=\"36.5\" width=\"18.0\" height=\"11.5\">")
        .contains("<rect class=\"failed\" x=\"21.0\" y=\"2.0\" width=\"18.0\" height=\"46.0\">")
        .contains("<title>2026-11-25 20:01:00Z: 4.0 s, 10 apps, 2 changed, 1 failed</title>")
        .contains("<rect class=\"crashed\"").contains("aria-label=\"the last 3 passes: the longest took 4.0 s, 2 had failures\"");
  }

  @Test
  void theContentSecurityPolicyAllowsExactlyThePagesOwnInlineScriptAndStyle() throws Exception {
    String page = StatusPage.render(Optional.empty(), List.of(), RUNNER, PageFilter.NONE);
    Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page);
    Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page);
    assertThat(script.find()).isTrue();
    assertThat(style.find()).isTrue();

    assertThat(StatusPage.CONTENT_SECURITY_POLICY).contains("script-src '" + sha256(script.group(1)) + "'")
        .contains("style-src '" + sha256(style.group(1)) + "'").contains("default-src 'none'");
  }

  @Test
  void thePageWithItsScriptAndStylesStaysSmall() {
    String empty = StatusPage.render(Optional.empty(), List.of(), RUNNER, PageFilter.NONE);
    List<PassSummary> passes = new ArrayList<>();
    for (int i = 0; i < PassHistory.KEPT; i++) {
      passes.add(new PassSummary(SINCE.plusSeconds(i * 60L), Duration.ofSeconds(i + 1), "rev" + i, 100, 1, 0, false));
    }
    String withTimeline = StatusPage.render(Optional.empty(), passes, RUNNER, PageFilter.NONE);

    assertThat(empty.getBytes(StandardCharsets.UTF_8).length).isLessThan(30 * 1024);
    assertThat(withTimeline.getBytes(StandardCharsets.UTF_8).length).isLessThan(50 * 1024);
    assertThat(empty).contains("No pass has reported any app yet.");
  }

  private static String sha256(String text) throws Exception {
    return "sha256-" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String row(String page, String app) {
    Matcher m = Pattern.compile("<tr data-app=\"" + Pattern.quote(app) + "\".*?</tr>", Pattern.DOTALL).matcher(page);
    assertThat(m.find()).as("a row for " + app).isTrue();
    return m.group();
  }

  /** The row's opening tag, which carries {@code hidden} when the filter hides it. */
  private static String rowTag(String page, String app) {
    String row = row(page, app);
    return row.substring(0, row.indexOf('>') + 1);
  }

  private static String cell(String page, String app, String cluster) {
    Matcher m = Pattern.compile("<td class=\"cell\" data-cluster=\"" + Pattern.quote(cluster) + "\".*?</td>", Pattern.DOTALL)
        .matcher(row(page, app));
    assertThat(m.find()).as("a cell for " + app + " on " + cluster).isTrue();
    return m.group();
  }
}
