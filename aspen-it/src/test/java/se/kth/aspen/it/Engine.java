package se.kth.aspen.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import se.kth.aspen.core.testenv.TestEnvironment;

/**
 * The real engine as a test sees it from outside Aspen: through the engine's own client, so
 * what the tests observe does not depend on the adapter under test.
 */
final class Engine {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> WRITES = Set.of("create", "update", "remove");

  /** One write the engine reported: a service, network, secret or config created, updated or removed. */
  record Write(Instant at, String type, String action, String name) {}

  private final TestEnvironment env = TestEnvironment.get();

  /**
   * The writes on objects whose name starts with one of the prefixes between two instants,
   * from the engine's event stream. Swarm's own progress reports (update state changes) are
   * not writes and are left out, and so are events of the node's local scope: a node creates and
   * destroys its own copy of an overlay network as tasks come and go (a crashing task restarted
   * by Swarm), which nobody asked the swarm for.
   */
  List<Write> writes(Instant since, Instant until, List<String> namePrefixes) {
    String out = docker("events", "--since", epoch(since), "--until", epoch(until), "--format", "{{json .}}",
        "--filter", "type=service", "--filter", "type=network", "--filter", "type=secret", "--filter", "type=config");
    List<Write> writes = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode event = read(line);
      String action = event.path("Action").asText();
      JsonNode attributes = event.path("Actor").path("Attributes");
      String name = attributes.path("name").asText();
      boolean progress = attributes.has("updatestate.new") || attributes.has("updatestate.old");
      boolean nodeLocal = "local".equals(event.path("scope").asText());
      if (!WRITES.contains(action) || progress || nodeLocal || namePrefixes.stream().noneMatch(name::startsWith)) {
        continue;
      }
      long nanos = event.path("timeNano").asLong();
      writes.add(new Write(Instant.ofEpochSecond(0, nanos), event.path("Type").asText(), action, name));
    }
    return writes;
  }

  /** The service's inspect document, if it exists. */
  Optional<JsonNode> service(String name) {
    Result result = run(List.of("service", "inspect", name, "--format", "{{json .}}"));
    return result.exit == 0 ? Optional.of(read(result.out)) : Optional.empty();
  }

  /** The swarm's version index of the service: it grows with every update of its spec. */
  long serviceVersion(String name) {
    return service(name).orElseThrow(() -> new AssertionError("no service " + name)).path("Version").path("Index").asLong();
  }

  String serviceImage(String name) {
    return service(name).orElseThrow(() -> new AssertionError("no service " + name))
        .path("Spec").path("TaskTemplate").path("ContainerSpec").path("Image").asText();
  }

  List<String> serviceEnv(String name) {
    List<String> envs = new ArrayList<>();
    service(name).orElseThrow(() -> new AssertionError("no service " + name))
        .path("Spec").path("TaskTemplate").path("ContainerSpec").path("Env").forEach(e -> envs.add(e.asText()));
    return envs;
  }

  /** Names of the services of a stack. */
  List<String> stackServices(String stack) {
    String out = docker("service", "ls", "--filter", "label=com.docker.stack.namespace=" + stack, "--format", "{{.Name}}");
    return out.lines().filter(l -> !l.isBlank()).sorted().toList();
  }

  /** Running replicas of a service as the engine counts them ("1/1"). */
  String replicas(String service) {
    return docker("service", "ls", "--filter", "name=" + service, "--format", "{{.Name}} {{.Replicas}}").lines()
        .filter(l -> l.startsWith(service + " ")).map(l -> l.substring(service.length() + 1)).findFirst().orElse("");
  }

  /** Stacks whose {@code stack rm} left a network behind, attached to containers still stopping. */
  private static final java.util.Set<String> PENDING = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    // One bounded wait for the whole run, not one per test, and only for the stacks that need it.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> new Engine().sweep(true), "aspen-it-network-sweep"));
  }

  /**
   * Removes the stacks' services, networks, secrets and configs without waiting. When {@code stack
   * rm} succeeds the swarm has dropped every object of the stack, networks included (the node lets
   * go of its copy once the containers are gone): there is nothing left to wait for. Only a stack
   * whose removal failed part-way (a network still in use) is kept for a later sweep; an object
   * that was already gone (Aspen pruned the stack's services and network) is not a failure.
   */
  void removeStacks(List<String> stacks) {
    for (String stack : stacks) {
      if (leftSomethingBehind(run(List.of("stack", "rm", stack)))) {
        PENDING.add(stack);
      }
    }
    sweep(false);
  }

  private static boolean leftSomethingBehind(Result removal) {
    if (removal.exit == 0) {
      return false;
    }
    // "Failed to remove network ID: ... not found" per object, then one summary line
    String failures = removal.err.replaceAll("Failed to remove some resources from stack: \\S+", "");
    return Pattern.compile("Failed to remove ").splitAsStream(failures).skip(1).anyMatch(f -> !f.strip().endsWith("not found"));
  }

  /** Removes the networks of removed stacks whose containers are gone; waits for them when asked. */
  void sweep(boolean wait) {
    if (wait && !PENDING.isEmpty()) {
      try {
        // under the 30 s the test JVM is given to exit after its last test
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
            .until(() -> PENDING.stream().allMatch(s -> labelled("ps", s).isEmpty()));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        // what is left has unique names and cannot disturb a later run
      }
    }
    for (String stack : List.copyOf(PENDING)) {
      if (labelled("ps", stack).isEmpty()) {
        labelled("network", stack).forEach(network -> run(List.of("network", "rm", network)));
        PENDING.remove(stack);
      }
    }
  }

  private List<String> labelled(String what, String stack) {
    List<String> command = what.equals("ps")
        ? List.of("ps", "-aq", "--filter", "label=com.docker.stack.namespace=" + stack)
        : List.of("network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + stack);
    Result result = run(command);
    return result.out.lines().filter(l -> !l.isBlank()).toList();
  }

  /**
   * A container's output, stdout and stderr as one stream (Aspen logs to stderr): read apart, a
   * long log fills the stderr pipe while stdout is read to its end, and docker logs never ends.
   */
  String logs(String container) {
    ProcessBuilder builder = new ProcessBuilder(env.dockerCli().toString(), "logs", container).redirectErrorStream(true);
    builder.environment().put("DOCKER_API_VERSION", env.dockerApiVersion());
    builder.environment().put("DOCKER_HOST", env.dockerHost());
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run docker logs " + container + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the log of " + container, e);
    }
  }

  String docker(String... args) {
    Result result = run(List.of(args));
    if (result.exit != 0) {
      throw new IllegalStateException("docker " + String.join(" ", args) + " failed (" + result.exit + "): " + result.err);
    }
    return result.out;
  }

  private record Result(int exit, String out, String err) {}

  private Result run(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(env.dockerCli().toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.put("DOCKER_API_VERSION", env.dockerApiVersion());
    environment.put("DOCKER_HOST", env.dockerHost());
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      var err = process.getErrorStream();
      byte[] out = process.getInputStream().readAllBytes();
      byte[] errBytes = err.readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("docker " + args + " did not finish");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(errBytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run docker " + args + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running docker " + args, e);
    }
  }

  private static String epoch(Instant at) {
    return at.getEpochSecond() + "." + String.format("%09d", at.getNano());
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("engine answered with no JSON: " + json, e);
    }
  }
}
