package se.kth.aspen.runner.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.kth.aspen.runner.http.Reports;

class PassMetricsTest {

  private static Map<String, PrometheusText.Family> scrape(PassMetrics metrics) {
    return PrometheusText.parse(new String(metrics.scrape(), StandardCharsets.UTF_8));
  }

  private static double value(Map<String, PrometheusText.Family> families, String family, String sample,
      Map<String, String> labels) {
    return families.get(family).samples().stream()
        .filter(s -> s.name().equals(sample) && s.labels().equals(labels))
        .findFirst().orElseThrow(() -> new AssertionError("no sample " + sample + labels)).value();
  }

  @Test
  void theScrapeIsValidPrometheusTextWithTheDocumentedNamesAndJvmMetrics() {
    PassMetrics metrics = new PassMetrics();
    metrics.record(Reports.report("3b01b96e",
        Reports.deployed("app-a", "active", "reg/a:1"),
        Reports.deployed("app-b", "active", "reg/b:1"),
        Reports.failed("app-c", "stage", "ResourcePolicy", "limits missing"),
        Reports.blocked("app-d", "active", Instant.parse("2026-11-25T20:00:00Z"))));
    metrics.recordCrash();

    Map<String, PrometheusText.Family> families = scrape(metrics);

    assertThat(families.get("aspen_pass_duration_seconds").type()).isEqualTo("histogram");
    assertThat(value(families, "aspen_pass_duration_seconds", "aspen_pass_duration_seconds_count", Map.of())).isEqualTo(1);
    assertThat(value(families, "aspen_pass_duration_seconds", "aspen_pass_duration_seconds_sum", Map.of())).isEqualTo(3.0);
    assertThat(families.get("aspen_apps").type()).isEqualTo("gauge");
    assertThat(value(families, "aspen_apps", "aspen_apps", Map.of("status", "DEPLOYED"))).isEqualTo(2);
    assertThat(value(families, "aspen_apps", "aspen_apps", Map.of("status", "FAILED"))).isEqualTo(1);
    assertThat(value(families, "aspen_apps", "aspen_apps", Map.of("status", "BLOCKED"))).isEqualTo(1);
    assertThat(value(families, "aspen_apps", "aspen_apps", Map.of("status", "UNCHANGED"))).isZero();
    assertThat(families.get("aspen_deploys_total").type()).isEqualTo("counter");
    assertThat(value(families, "aspen_deploys_total", "aspen_deploys_total", Map.of())).isEqualTo(2);
    assertThat(value(families, "aspen_failures_total", "aspen_failures_total", Map.of("step", "ResourcePolicy"))).isEqualTo(1);
    assertThat(value(families, "aspen_failures_total", "aspen_failures_total", Map.of("step", "Pass"))).isEqualTo(1);
    assertThat(value(families, "aspen_last_pass_timestamp_seconds", "aspen_last_pass_timestamp_seconds", Map.of()))
        .isEqualTo(Instant.parse("2026-11-25T21:00:03Z").getEpochSecond());
    assertThat(value(families, "aspen_registry_revision_info", "aspen_registry_revision_info", Map.of("revision", "3b01b96e")))
        .isEqualTo(1);
    assertThat(families).containsKeys("jvm_memory_used_bytes", "jvm_threads_current", "process_cpu_seconds_total");
  }

  @Test
  void theRevisionInfoShowsOnlyTheLatestRevision() {
    PassMetrics metrics = new PassMetrics();
    metrics.record(Reports.report("old"));
    metrics.record(Reports.report("new"));

    var samples = scrape(metrics).get("aspen_registry_revision_info").samples();

    assertThat(samples).extracting(s -> s.labels().get("revision")).containsExactly("new");
  }

  @Test
  void theParserRejectsWhatPrometheusWouldReject() {
    assertThatThrownBy(() -> PrometheusText.parse("undeclared 1\n")).hasMessageContaining("undeclared family");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na{b=\"c} 1\n")).hasMessageContaining("line 2");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na one\n")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> PrometheusText.parse(
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n"))
        .hasMessageContaining("not cumulative");
  }
}
