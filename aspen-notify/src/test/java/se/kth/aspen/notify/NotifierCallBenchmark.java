package se.kth.aspen.notify;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.Replicas;

/**
 * What a deploy pays to notify while the endpoint is down: building the body and queueing it
 * (the queue is full, so each call also drops the oldest message).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NotifierCallBenchmark {

  private HttpNotifier notifier;
  private final DeploymentNotice notice = new DeploymentNotice("kth-azure-app", "active",
      Optional.of(ImageReference.parse("registry.example.org/kth-azure-app:2.9.202_3b01b96")),
      Optional.of("/kth-azure-app/"), Instant.ofEpochMilli(1732486400123L), Replicas.count(2),
      Map.of("se.kth.slackChannels", "#team-pipeline-build,#pipeline-logs", "se.kth.importance", "low",
          "se.kth.publicName.english", "Continuous Delivery Reference Application",
          "se.kth.monitorUrl", "https://app.example.org/kth-azure-app/_monitor"));

  @Setup
  public void start() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    notifier = HttpNotifier.builder()
        .deploymentUrl(URI.create("http://127.0.0.1:" + closed + "/deployment"))
        .queueCapacity(1000).firstBackoff(Duration.ofHours(1)).drainTimeout(Duration.ZERO)
        .build();
  }

  @TearDown
  public void stop() {
    notifier.close();
  }

  @Benchmark
  public long deploymentNoticeWhileTheEndpointIsDown() {
    notifier.deployment(notice);
    return notifier.dropped();
  }
}
