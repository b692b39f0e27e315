package se.kth.aspen.runner.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import se.kth.aspen.core.catalogue.RegistryRequests;
import se.kth.aspen.core.catalogue.RepositoryStatus;
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
  private final Gauge orphans;
  private final Info revision;
  private final Counter registryRequests;

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
    orphans = Gauge.builder()
        .name("aspen_orphan_stacks")
        .help("Stacks of this group whose directory left the registry, as the last pass found them (not yet removed)")
        .register(registry);
    revision = Info.builder()
        .name("aspen_registry_revision_info")
        .help("The application registry revision the last pass read")
        .labelNames("revision")
        .register(registry);
    registryRequests = Counter.builder()
        .name("aspen_registry_requests_total")
        .help("Docker registry requests (tag lists and digests), by registry host and outcome (ok, refused, unavailable)")
        .labelNames("registry", "outcome")
        .register(registry);
    for (AppStatus status : AppStatus.values()) {
      apps.labelValues(status.name()).set(0);
    }
    deploys.inc(0);
    JvmMetrics.builder().register(registry);
  }

  /** Takes in a finished pass over every app. */
  public void record(PassReport report) {
    record(report, report);
  }

  /**
   * Takes in a finished pass, perhaps over some apps only.
   *
   * @param whole every app's latest result, this pass's included: what {@code aspen_apps} counts
   */
  public void record(PassReport report, PassReport whole) {
    passDuration.observe(report.duration().toNanos() / 1e9);
    for (AppStatus status : AppStatus.values()) {
      apps.labelValues(status.name()).set(whole.count(status));
    }
    deploys.inc(report.count(AppStatus.DEPLOYED));
    orphans.set(report.orphans().stream().filter(o -> !o.removed()).count());
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

  /** Counts the registry requests a tag catalogue makes. */
  public RegistryRequests registryRequests() {
    return (host, outcome) -> registryRequests.labelValues(host, outcome.name().toLowerCase(Locale.ROOT)).inc();
  }

  /** {@code aspen_tag_catalogue_age_seconds{repository}}: how old each repository's tag list is, read at scrape time. */
  public void watchCatalogue(Supplier<List<RepositoryStatus>> statuses, InstantSource clock) {
    GaugeWithCallback.builder()
        .name("aspen_tag_catalogue_age_seconds")
        .help("How long ago each image repository's tag list was last fetched from the registry")
        .labelNames("repository")
        .callback(callback -> {
          Instant now = clock.instant();
          for (RepositoryStatus status : statuses.get()) {
            status.fetchedAt().ifPresent(at -> callback.call(Duration.between(at, now).toMillis() / 1000.0,
                status.repository()));
          }
        })
        .register(registry);
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
