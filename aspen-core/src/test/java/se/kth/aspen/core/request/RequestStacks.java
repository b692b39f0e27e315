package se.kth.aspen.core.request;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackFileException;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterEndpoint;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.SecretEnvironment;

/** Stacks written into a test's directory and the requests made of them. */
final class RequestStacks {

  static final String FILE = "app/active/docker-stack.yml";
  static final Cluster CLUSTER = new Cluster("local", ClusterEndpoint.parse("unix:///var/run/docker.sock"), false);

  private RequestStacks() {}

  /** Reads a stack file written into {@code directory}, as the pass does. */
  static StackModel model(Path directory, String yaml) throws IOException, StackFileException {
    Path file = directory.resolve("docker-stack.yml");
    Files.writeString(file, yaml);
    return new StackReader().read(file, FILE, Map.of());
  }

  /**
   * A stack of one service {@code web} built by hand, so that it can name what the stack reader
   * would already refuse.
   */
  static StackModel handMade(List<String> envFiles, SequencedMap<String, Optional<String>> environment) {
    ServiceSpec web = new ServiceSpec("web", 3, "x:1", Optional.empty(), Optional.empty(), environment, envFiles, Map.of(),
        Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), Optional.<Duration>empty(),
        Optional.empty(), Optional.empty(), List.of(), List.of(), Map.of(), List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
    return new StackModel(FILE, new LinkedHashMap<>(Map.of("web", web)), Map.of(), Map.of(), Map.of(), Map.of(), List.of());
  }

  /** The request for a stack read from {@code directory}, with {@code secrets} as the decrypted secrets.env. */
  static DeployRequest request(Path directory, StackModel model, Map<String, String> secrets) throws StackFileException {
    Map<String, Secret> values = new LinkedHashMap<>();
    secrets.forEach((k, v) -> values.put(k, Secret.of(v)));
    Map<String, ImageReference> images = new LinkedHashMap<>();
    model.services().forEach((k, s) -> images.put(k, ImageReference.parse(s.image())));
    return StackInputs.read(directory, model).request(CLUSTER, "app", images, SecretEnvironment.of(values), Map.of(), false);
  }

  /** The service {@code web}'s environment as {@code NAME=value} or a bare name, sorted. */
  static List<String> webEnvironment(DeployRequest request) {
    return request.environments().get("web").values().entrySet().stream()
        .map(e -> e.getValue().map(v -> e.getKey() + "=" + v.text()).orElse(e.getKey())).toList();
  }
}
