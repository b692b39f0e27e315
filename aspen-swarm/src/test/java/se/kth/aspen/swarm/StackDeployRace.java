package se.kth.aspen.swarm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.SecretEnvironment;

/**
 * Issue 7's comparison with the two contenders interleaved, so that load from other work on the
 * machine falls on both: each round deploys 20 fresh single-service stacks with Aspen and 20 with
 * {@code docker stack deploy}, alternating which goes first, and prints each side's wall time.
 * Between the two, untimed, the first side's stacks are left to converge.
 * Run from the repository root after {@code scripts/jmh aspen-swarm -l} has built the classpath:
 * {@code java -cp aspen-swarm/target/test-classes:aspen-swarm/target/classes:$(cat
 * aspen-swarm/target/jmh.classpath) se.kth.aspen.swarm.StackDeployRace [rounds]}.
 */
public final class StackDeployRace {

  private static final int STACKS = 20;

  private StackDeployRace() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Stacks.testEnvironmentOfWorkingDirectory();
    Path directory = Stacks.raceStackDirectory("aspen-race");
    StackModel model = new StackReader().read(directory.resolve("docker-stack.yml"), "race/local/docker-stack.yml", Map.of());
    List<Long> aspen = new ArrayList<>();
    List<Long> cli = new ArrayList<>();
    try (SwarmFixture swarm = new SwarmFixture(); SwarmOrchestrator orchestrator = new SwarmOrchestrator(Stacks.settings())) {
      for (int round = 0; round <= rounds; round++) {
        List<String> aspenStacks = names(swarm);
        List<String> cliStacks = names(swarm);
        boolean measured = round > 0;
        Runnable runAspen = () -> {
          long start = System.nanoTime();
          for (String stack : aspenStacks) {
            try {
              orchestrator.deploy(Stacks.request(stack, model, directory, SecretEnvironment.empty(), Map.of(), false),
                  Deadline.in(Duration.ofMinutes(1)));
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
          if (measured) {
            aspen.add((System.nanoTime() - start) / 1_000_000);
          }
          settle(orchestrator, aspenStacks);
        };
        Runnable runCli = () -> {
          long start = System.nanoTime();
          for (String stack : cliStacks) {
            DockerCli.run(directory, "stack", "deploy", "--with-registry-auth", "-c", "docker-stack.yml", stack);
          }
          if (measured) {
            cli.add((System.nanoTime() - start) / 1_000_000);
          }
          settle(orchestrator, cliStacks);
        };
        if (round % 2 == 0) {
          runAspen.run();
          runCli.run();
        } else {
          runCli.run();
          runAspen.run();
        }
        System.out.printf("round %d (%s): aspen %s ms, docker stack deploy %s ms%n", round, round == 0 ? "warm-up" : "measured",
            round == 0 ? "-" : aspen.getLast(), round == 0 ? "-" : cli.getLast());
        aspenStacks.forEach(swarm::removeServices);
        cliStacks.forEach(swarm::removeServices);
        aspenStacks.forEach(swarm::remove);
        cliStacks.forEach(swarm::remove);
      }
    }
    System.out.printf("median of %d rounds, %d stacks each: aspen %d ms, docker stack deploy %d ms, ratio %.2f%n",
        rounds, STACKS, median(aspen), median(cli), (double) median(aspen) / median(cli));
  }

  /** Untimed: waits until the stacks run, so that their task starts do not slow the other contender. */
  private static void settle(SwarmOrchestrator orchestrator, List<String> stacks) {
    for (String stack : stacks) {
      try {
        orchestrator.awaitConvergence(Stacks.localCluster(), stack,
            new se.kth.aspen.core.port.VerifyPolicy(240, Duration.ofMillis(250)), Deadline.in(Duration.ofMinutes(1)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static List<String> names(SwarmFixture swarm) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < STACKS; i++) {
      names.add(swarm.stack("race"));
    }
    return names;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
