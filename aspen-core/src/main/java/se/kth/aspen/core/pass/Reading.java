package se.kth.aspen.core.pass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.compose.ConfinedPath;
import se.kth.aspen.core.compose.DecryptedSecrets;
import se.kth.aspen.core.compose.FileObjectSpec;
import se.kth.aspen.core.compose.PathEscapeException;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackFileException;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackNames;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.compose.StackSource;
import se.kth.aspen.core.compose.VolumeMount;
import se.kth.aspen.core.image.ImageReference;

/**
 * Read: the stack's typed model after interpolation, the image every service runs, and every
 * file the stack names checked to stay inside the target's directory on disk (links included).
 */
final class Reading {

  /**
   * More services than this in one stack is refused: real stacks have tens; thousands are a
   * generated or hostile file, and each would cost a Swarm service and its notices.
   */
  static final int MAX_SERVICES = 1000;

  record Input(AppTarget target, StackSource source, Map<String, String> variables) {}

  /** @param images by service, in file order */
  record Output(StackModel stack, Map<String, ImageReference> images) {}

  private final StackReader reader;

  Reading(StackReader reader) {
    this.reader = reader;
  }

  StackSource parse(AppTarget target) throws StepFailure {
    try {
      return reader.parse(target.stackFile(), target.stackPath());
    } catch (StackFileException e) {
      throw new StepFailure(Step.READ, FailureKind.INVALID, e.getMessage(), e);
    }
  }

  /**
   * @throws StepFailure INVALID, with every problem found: names the engine refuses, images
   *     without a tag, paths that leave the directory, env files that do not exist, a missing
   *     {@code secrets.env}
   */
  Output read(Input in) throws StepFailure {
    StackModel stack;
    try {
      stack = reader.model(in.source(), in.variables());
    } catch (StackFileException e) {
      throw new StepFailure(Step.READ, FailureKind.INVALID, e.getMessage(), e);
    }
    if (stack.services().size() > MAX_SERVICES) {
      throw new StepFailure(Step.READ, FailureKind.INVALID, in.target().stackPath() + ": " + stack.services().size()
          + " services; a stack may have at most " + MAX_SERVICES);
    }
    List<String> problems = new ArrayList<>(StackNames.problems(stack, in.target().application()));
    Map<String, ImageReference> images = new LinkedHashMap<>();
    for (ServiceSpec service : stack.services().values()) {
      image(in.target(), service, problems).ifPresent(image -> images.put(service.name(), image));
      confine(in.target(), service, problems);
    }
    confineFiles(in.target(), stack, problems);
    if (problems.isEmpty() && Unlocking.usesSecrets(stack)) {
      // Checked here, not only when unlocking, so that a plan and validate report it too.
      Unlocking.secretsEnv(in.target(), Step.READ);
    }
    if (!problems.isEmpty()) {
      throw StepFailure.invalid(Step.READ, problems);
    }
    return new Output(stack, images);
  }

  /**
   * The application and cluster directories' names checked against the engine's rules
   * ({@link StackNames}) before anything else: a name the engine would refuse fails here, in a
   * plan as in a deploy, rather than at the engine.
   */
  static void names(AppTarget target) throws StepFailure {
    Optional<String> problem = StackNames.applicationProblem(target.application())
        .or(() -> StackNames.clusterProblem(target.cluster()));
    if (problem.isPresent()) {
      throw new StepFailure(Step.READ, FailureKind.INVALID, target.stackPath() + ": " + problem.get());
    }
  }

  private static Optional<ImageReference> image(AppTarget target, ServiceSpec service, List<String> problems) {
    String where = target.stackPath() + ":" + service.line() + ": service " + service.name() + ": ";
    ImageReference image;
    try {
      image = ImageReference.parse(service.image());
    } catch (IllegalArgumentException e) {
      problems.add(where + e.getMessage());
      return Optional.empty();
    }
    if (image.tag().isEmpty() && image.digest().isEmpty()) {
      problems.add(where + "image \"" + service.image()
          + "\" has no tag; name one (without it Swarm runs whatever :latest is at the moment)");
      return Optional.empty();
    }
    return Optional.of(image);
  }

  /** Every env file must be a file inside the directory, and every relative bind source must stay inside it. */
  private static void confine(AppTarget target, ServiceSpec service, List<String> problems) {
    Path dir = target.directory();
    String where = target.stackPath() + ":" + service.line() + ": service " + service.name() + ": ";
    for (String envFile : service.envFiles()) {
      if (DecryptedSecrets.isReference(envFile)) {
        continue;
      }
      try {
        if (!Files.isRegularFile(ConfinedPath.resolve(dir, envFile))) {
          problems.add(where + "env_file \"" + envFile + "\" does not exist");
        }
      } catch (PathEscapeException e) {
        problems.add(where + "env_file: " + e.getMessage());
      }
    }
    for (VolumeMount mount : service.volumes()) {
      if (mount.relativeBind()) {
        try {
          ConfinedPath.resolve(dir, mount.source().get());
        } catch (PathEscapeException e) {
          problems.add(where + "volumes: " + e.getMessage());
        }
      }
    }
  }

  private static void confineFiles(AppTarget target, StackModel stack, List<String> problems) {
    Map<String, FileObjectSpec> files = new LinkedHashMap<>();
    stack.secrets().forEach((k, v) -> files.put("secret " + k, v));
    stack.configs().forEach((k, v) -> files.put("config " + k, v));
    for (Map.Entry<String, FileObjectSpec> e : files.entrySet()) {
      if (e.getValue().file().isPresent()) {
        try {
          ConfinedPath.resolve(target.directory(), e.getValue().file().get());
        } catch (PathEscapeException x) {
          problems.add(target.stackPath() + ": " + e.getKey() + ": " + x.getMessage());
        }
      }
    }
  }

  static List<String> warnings(StackModel stack) {
    return stack.warnings().stream().map(w -> w.in(stack.file())).toList();
  }
}
