package se.kth.aspen.core.pass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import se.kth.aspen.core.fake.FakeClusterDirectory;
import se.kth.aspen.core.fake.FakeImageRegistry;
import se.kth.aspen.core.fake.FakeOrchestrator;
import se.kth.aspen.core.fake.FakeRegistrySource;
import se.kth.aspen.core.fake.FakeSecretStore;
import se.kth.aspen.core.fake.RecordingNotifier;
import se.kth.aspen.core.state.InMemoryStateStore;

/**
 * A whole pass where nothing changed, over N apps with static image tags (one cluster each),
 * every port faked: discover, select, hash each directory (or recall its digest), read its state,
 * decide UNCHANGED.
 * Target: 1 000 apps in 50 ms or less on a warm JVM, linear in N.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NoChangePassBenchmark {

  @Param({"1000", "10000"})
  public int apps;

  /**
   * Whether the registry source says what changed (git: nothing) or not (a plain directory): with
   * it, the pass reads no file; without it, every directory is hashed.
   */
  @Param({"true", "false"})
  public boolean changesKnown;

  /** Whether the orchestrator lists the cluster for the drift check (one listing per cluster and pass). */
  @Param({"false", "true"})
  public boolean drift;

  private Path root;
  private Pass pass;

  @Setup(Level.Trial)
  public void registry() throws IOException {
    root = Files.createTempDirectory("aspen-bench");
    TestRegistry registry = new TestRegistry(root);
    FakeImageRegistry images = new FakeImageRegistry();
    for (int i = 0; i < apps; i++) {
      String app = "app-" + i;
      images.push("registry.example.org/" + app, "1.0." + (i % 7));
      registry.write("team-" + (i % 20) + "/" + app + "/active/docker-stack.yml",
          TestRegistry.stack("registry.example.org/" + app + ":1.0." + (i % 7)));
    }
    FakeOrchestrator orchestrator = drift ? new FakeOrchestrator().listStacks() : new FakeOrchestrator();
    FakeRegistrySource source = new FakeRegistrySource(root, "rev").snapshot(new se.kth.aspen.core.port.RegistrySnapshot(
        root, "rev", changesKnown ? java.util.Optional.of(java.util.Set.of()) : java.util.Optional.empty(), java.util.Optional.empty()));
    Ports ports = new Ports(source, FakeClusterDirectory.of("active"), images,
        new FakeSecretStore(), orchestrator, new InMemoryStateStore(Clock.systemUTC()), new RecordingNotifier());
    pass = new Pass(ports, PassSettings.defaults("bench").build(), Clock.systemUTC());
    PassReport first = pass.run(PassMode.DEPLOY, PassListener.NONE);
    if (first.count(AppStatus.DEPLOYED) != apps) {
      throw new IllegalStateException("the first pass must deploy every app: " + first.results().getFirst());
    }
    int listed = orchestrator.listings();
    PassReport second = pass.run(PassMode.DEPLOY, PassListener.NONE);
    if (orchestrator.listings() - listed != (drift ? 1 : 0)) {
      throw new IllegalStateException("a pass must list the one cluster once for drift, listed " + (orchestrator.listings() - listed));
    }
    if (second.count(AppStatus.UNCHANGED) != apps) {
      throw new IllegalStateException("the measured pass must change nothing: " + second.results().getFirst());
    }
  }

  @Benchmark
  public PassReport noChangePass() {
    return pass.run(PassMode.DEPLOY, PassListener.NONE);
  }

  @TearDown(Level.Trial)
  public void removeRegistry() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
