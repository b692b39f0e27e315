package se.kth.aspen.runner.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;

/** The runner's metrics, in a registry of their own (no global state, so tests can make many). */
public final class PassMetrics {

  /** The step label of a failure of the pass as a whole rather than one app. */
  public static final String PASS_STEP = "Pass";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Histogram passDuration;
  private final Gauge apps;
  private final Counter deploys;
  private final Counter failures;
  private final Gauge lastPass;
  private final Info revision;

  public PassMetrics() {
    passDuration = Histogram.builder()
        .name("aspen_pass_duration_seconds")
        .help("How long a pass took, from registry sync to the last app's record")
        .classicUpperBounds(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800)
        .register(registry);
    apps = Gauge.builder()
        .name("aspen_apps")
        .help("Apps (application and cluster) by their status in the last pass")
        .labelNames("status")
        .register(registry);
    deploys = Counter.builder()
        .name("aspen_deploys_total")
        .help("Verified deploys since start")
        .register(registry);
    failures = Counter.builder()
        .name("aspen_failures_total")
        .help("Failures since start, by the step that failed (Pass for the pass as a whole)")
        .labelNames("step")
        .register(registry);
    lastPass = Gauge.builder()
        .name("aspen_last_pass_timestamp_seconds")
        .help("When the last pass ended, in seconds since the epoch")
        .register(registry);
    revision = Info.builder()
        .name("aspen_registry_revision_info")
        .help("The application registry revision the last pass read")
        .labelNames("revision")
        .register(registry);
    for (AppStatus status : AppStatus.values()) {
      apps.labelValues(status.name()).set(0);
    }
    deploys.inc(0);
    JvmMetrics.builder().register(registry);
  }

  /** Takes in a finished pass. */
  public void record(PassReport report) {
    passDuration.observe(report.duration().toNanos() / 1e9);
    for (AppStatus status : AppStatus.values()) {
      apps.labelValues(status.name()).set(report.count(status));
    }
    deploys.inc(report.count(AppStatus.DEPLOYED));
    for (AppResult result : report.results()) {
      if (result.status() == AppStatus.FAILED) {
        failures.labelValues(result.step().orElse("Unknown")).inc();
      }
    }
    if (!report.problems().isEmpty()) {
      failures.labelValues(PASS_STEP).inc(report.problems().size());
    }
    lastPass.set(report.startedAt().plus(report.duration()).toEpochMilli() / 1000.0);
    if (!report.revision().isEmpty()) {
      revision.setLabelValues(report.revision());
    }
  }

  /** A pass that did not even produce a report (an exception escaped it). */
  public void recordCrash() {
    failures.labelValues(PASS_STEP).inc();
  }

  /** Content type of {@link #scrape()}. */
  public String contentType() {
    return writer.getContentType();
  }

  /** Every metric in the Prometheus text format. */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("writing metrics to memory", e);
    }
    return out.toByteArray();
  }
}
