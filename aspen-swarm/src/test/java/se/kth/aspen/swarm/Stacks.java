package se.kth.aspen.swarm;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import se.kth.aspen.core.compose.FileObjectSpec;
import se.kth.aspen.core.compose.NetworkSpec;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackFileException;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.VolumeSpec;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterEndpoint;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.request.StackInputs;
import se.kth.aspen.core.testenv.TestEnvironment;
import se.kth.aspen.swarm.registry.Registries;
import se.kth.aspen.swarm.registry.RegistryLogin;

/** Stacks for tests: models, requests and unique names on the shared swarm. */
final class Stacks {

  private Stacks() {}

  static String uniqueName(String purpose) {
    return "it-swarm-" + purpose + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
  }

  /**
   * For the benchmarks run outside Maven: the test environment is the one {@code
   * scripts/test-env.sh} described in the working directory, unless named otherwise.
   */
  static void testEnvironmentOfWorkingDirectory() {
    if (System.getProperty("aspen.testenv.file") == null) {
      System.setProperty("aspen.testenv.file", Path.of(".aspen-testenv/testenv.properties").toAbsolutePath().toString());
    }
  }

  /** A new temporary directory holding the one-service stack the deploy benchmarks race with. */
  static Path raceStackDirectory(String prefix) throws IOException {
    Path directory = Files.createTempDirectory(prefix);
    Files.writeString(directory.resolve("docker-stack.yml"), """
        version: "3.8"
        services:
          web:
            image: %s
            stop_grace_period: 1s
            deploy:
              replicas: 1
        """.formatted(image("1.0.0_abc")));
    return directory;
  }

  static String image(String tag) {
    return TestEnvironment.get().testImage() + ":" + tag;
  }

  static Cluster localCluster() {
    return new Cluster("local", ClusterEndpoint.parse(TestEnvironment.get().dockerHost()), false);
  }

  static StackModel model(ServiceSpec... services) {
    return model(Map.of(), Map.of(), Map.of(), Map.of(), services);
  }

  static StackModel model(Map<String, NetworkSpec> networks, Map<String, VolumeSpec> volumes,
      Map<String, FileObjectSpec> secrets, Map<String, FileObjectSpec> configs, ServiceSpec... services) {
    LinkedHashMap<String, ServiceSpec> byName = new LinkedHashMap<>();
    for (ServiceSpec s : services) {
      byName.put(s.name(), s);
    }
    return new StackModel("app/local/docker-stack.yml", byName, networks, volumes, secrets, configs, List.of());
  }

  static DeployRequest request(String stack, StackModel model, Path directory) {
    return request(stack, model, directory, SecretEnvironment.empty(), Map.of(), false);
  }

  static DeployRequest request(String stack, StackModel model, Path directory, SecretEnvironment secrets,
      Map<String, Secret> files, boolean prune) {
    return request(localCluster(), stack, model, directory, secrets, files, prune);
  }

  static DeployRequest request(Cluster cluster, String stack, StackModel model, Path directory, SecretEnvironment secrets,
      Map<String, Secret> files, boolean prune) {
    Map<String, ImageReference> images = new LinkedHashMap<>();
    model.services().forEach((k, s) -> images.put(k, ImageReference.parse(s.image())));
    try {
      // What the pass does: the core reads the files the stack names; the orchestrator gets their contents.
      return StackInputs.read(directory, model).request(cluster, stack, images, secrets, files, prune);
    } catch (StackFileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static SwarmSettings settings() {
    TestEnvironment env = TestEnvironment.get();
    return SwarmSettings.defaults().withRegistries(Registries.none().withPrimary(URI.create(env.registryUrl()),
        Optional.of(new RegistryLogin(env.registryUser(), Secret.of(env.registryPassword())))));
  }
}
