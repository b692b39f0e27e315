package se.kth.aspen.swarm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.SecretEnvironment;

/**
 * Issue 7's benchmark: 20 single-service stacks deployed one after another by Aspen and by the
 * engine's own {@code docker stack deploy --with-registry-auth}, side by side in one run. Each
 * invocation deploys 20 fresh stacks (create path: network, digest lookup, service); they are
 * removed between iterations, outside the measurement. Run from the repository root:
 * {@code scripts/jmh aspen-swarm StackDeploy}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class StackDeployBenchmark {

  private static final int STACKS = 20;

  private SwarmFixture swarm;
  private SwarmOrchestrator orchestrator;
  private Path directory;
  private StackModel model;
  private final List<String> stacks = new ArrayList<>();

  @Setup(Level.Trial)
  public void start() throws Exception {
    Stacks.testEnvironmentOfWorkingDirectory();
    swarm = new SwarmFixture();
    orchestrator = new SwarmOrchestrator(Stacks.settings());
    directory = Stacks.raceStackDirectory("aspen-bench");
    model = new StackReader().read(directory.resolve("docker-stack.yml"), "bench/local/docker-stack.yml", Map.of());
  }

  @Setup(Level.Iteration)
  public void names() {
    stacks.clear();
    for (int i = 0; i < STACKS; i++) {
      stacks.add(swarm.stack("bench"));
    }
  }

  @Benchmark
  public void aspen() throws PortException {
    for (String stack : stacks) {
      orchestrator.deploy(Stacks.request(stack, model, directory, SecretEnvironment.empty(), Map.of(), false),
          Deadline.in(Duration.ofMinutes(1)));
    }
  }

  @Benchmark
  public void dockerStackDeploy() {
    for (String stack : stacks) {
      DockerCli.run(directory, "stack", "deploy", "--with-registry-auth", "-c", "docker-stack.yml", stack);
    }
  }

  @TearDown(Level.Iteration)
  public void removeStacks() {
    stacks.forEach(swarm::removeServices);
    stacks.forEach(swarm::remove);
  }

  @TearDown(Level.Trial)
  public void stop() {
    orchestrator.close();
    swarm.close();
  }
}
