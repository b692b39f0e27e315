package se.kth.aspen.core.pass;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.kth.aspen.core.compose.ConfinedPath;
import se.kth.aspen.core.compose.DecryptedSecrets;
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
    List<String> badNames = StackNames.problems(stack, in.target().application());
    if (!badNames.isEmpty()) {
      throw new StepFailure(Step.READ, FailureKind.INVALID, String.join("; ", badNames));
    }
    Map<String, ImageReference> images = new LinkedHashMap<>();
    for (ServiceSpec service : stack.services().values()) {
      images.put(service.name(), image(in.target(), service));
      confine(in.target(), service);
    }
    confineFiles(in.target(), stack);
    if (Unlocking.usesSecrets(stack)) {
      // Checked here, not only when unlocking, so that a plan reports it too.
      Unlocking.secretsEnv(in.target(), Step.READ);
    }
    return new Output(stack, images);
  }

  /**
   * The application and cluster directories' names checked against the engine's rules
   * ({@link StackNames}) before anything else: a name the engine would refuse fails here, in a
   * plan as in a deploy, rather than at the engine.
   */
  static void names(AppTarget target) throws StepFailure {
    java.util.Optional<String> problem = StackNames.applicationProblem(target.application())
        .or(() -> StackNames.clusterProblem(target.cluster()));
    if (problem.isPresent()) {
      throw new StepFailure(Step.READ, FailureKind.INVALID, target.stackPath() + ": " + problem.get());
    }
  }

  private static ImageReference image(AppTarget target, ServiceSpec service) throws StepFailure {
    String where = target.stackPath() + ":" + service.line() + ": service " + service.name() + ": ";
    ImageReference image;
    try {
      image = ImageReference.parse(service.image());
    } catch (IllegalArgumentException e) {
      throw new StepFailure(Step.READ, FailureKind.INVALID, where + e.getMessage());
    }
    if (image.tag().isEmpty() && image.digest().isEmpty()) {
      throw new StepFailure(Step.READ, FailureKind.INVALID, where + "image \"" + service.image()
          + "\" has no tag; name one (without it Swarm runs whatever :latest is at the moment)");
    }
    return image;
  }

  private static void confine(AppTarget target, ServiceSpec service) throws StepFailure {
    Path dir = target.directory();
    String where = target.stackPath() + ":" + service.line() + ": service " + service.name() + ": ";
    try {
      for (String envFile : service.envFiles()) {
        if (!DecryptedSecrets.isReference(envFile)) {
          ConfinedPath.resolve(dir, envFile);
        }
      }
      for (VolumeMount mount : service.volumes()) {
        if (mount.relativeBind()) {
          ConfinedPath.resolve(dir, mount.source().get());
        }
      }
    } catch (PathEscapeException e) {
      throw new StepFailure(Step.READ, FailureKind.INVALID, where + e.getMessage());
    }
  }

  private static void confineFiles(AppTarget target, StackModel stack) throws StepFailure {
    Map<String, se.kth.aspen.core.compose.FileObjectSpec> files = new LinkedHashMap<>();
    stack.secrets().forEach((k, v) -> files.put("secret " + k, v));
    stack.configs().forEach((k, v) -> files.put("config " + k, v));
    for (Map.Entry<String, se.kth.aspen.core.compose.FileObjectSpec> e : files.entrySet()) {
      if (e.getValue().file().isPresent()) {
        try {
          ConfinedPath.resolve(target.directory(), e.getValue().file().get());
        } catch (PathEscapeException x) {
          throw new StepFailure(Step.READ, FailureKind.INVALID, target.stackPath() + ": " + e.getKey() + ": " + x.getMessage());
        }
      }
    }
  }

  static List<String> warnings(StackModel stack) {
    return stack.warnings().stream().map(w -> w.in(stack.file())).toList();
  }
}
