package se.kth.aspen.core.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import se.kth.aspen.core.compose.ConfinedPath;
import se.kth.aspen.core.compose.DecryptedSecrets;
import se.kth.aspen.core.compose.PathEscapeException;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackFileException;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackNames;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.compose.StackSource;
import se.kth.aspen.core.compose.StackWarning;
import se.kth.aspen.core.compose.VersionRequest;
import se.kth.aspen.core.compose.VolumeMount;
import se.kth.aspen.core.version.VersionRange;

/**
 * The offline check behind {@code aspen validate}: read, interpolate and check one stack file
 * with no network and no secrets. Version ranges are not resolved; each version variable stands
 * for its range's base version ({@code ~2.9.0} is read as {@code 2.9.0}), which is a valid tag, so
 * everything else about the file is still checked, against the policies {@link PolicySettings}
 * enforces. {@code APPLICATION_NAME} and
 * {@code PORTILLO_CLUSTER} come from the file's grandparent and parent directories, as in a pass.
 * The application and cluster directories' names must be names the engine takes
 * ({@link StackNames}), as in a pass.
 * Files named by {@code env_file} must exist inside the directory (except
 * the reference to the decrypted secrets, see {@link DecryptedSecrets}, which is never a file).
 */
public final class StackValidation {

  private final StackReader reader;

  public StackValidation(StackReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /** Validates with a default {@link StackReader}. */
  public static ValidationReport validate(Path stackFile, String displayPath, PolicySettings settings) {
    return new StackValidation(new StackReader()).check(stackFile, displayPath, settings);
  }

  public ValidationReport check(Path stackFile, String displayPath, PolicySettings settings) {
    Path absolute = stackFile.toAbsolutePath().normalize();
    Path clusterDir = absolute.getParent();
    String cluster = name(clusterDir);
    String application = clusterDir == null ? "" : name(clusterDir.getParent());
    List<String> badNames = new ArrayList<>();
    // A file checked outside any <application>/<cluster>/ directory has no names to check.
    if (!application.isEmpty()) {
      StackNames.applicationProblem(application).ifPresent(p -> badNames.add(displayPath + ": " + p));
      StackNames.clusterProblem(cluster).ifPresent(p -> badNames.add(displayPath + ": " + p));
    }
    if (!badNames.isEmpty()) {
      return new ValidationReport(displayPath, badNames, List.of(), List.of(), settings.enforced());
    }
    try {
      StackSource source = reader.parse(stackFile, displayPath);
      Map<String, String> variables = new HashMap<>();
      variables.put("APPLICATION_NAME", application);
      variables.put("PORTILLO_CLUSTER", cluster);
      for (VersionRequest request : source.versionRequests()) {
        if (VersionRange.read(request.range()).isEmpty()) {
          throw new StackFileException(displayPath, request.line(), request.service(),
              VersionRange.notAVersion(request.variable(), request.range()));
        }
        variables.put(request.variable(), request.range().replaceFirst("^[~^]", ""));
      }
      StackModel model = reader.model(source, variables);
      List<String> errors = new ArrayList<>(application.isEmpty() ? List.of() : StackNames.problems(model, application));
      errors.addAll(fileErrors(model, clusterDir));
      Policies policies = Policies.of(settings);
      List<Violation> violations = errors.isEmpty() ? policies.check(model, application) : List.of();
      List<StackWarning> warnings = new ArrayList<>(model.warnings());
      for (Violation warning : policies.warnings(model, application)) {
        warnings.add(new StackWarning(warning.line(), warning.service(), warning.policy() + ": " + warning.detail()));
      }
      return new ValidationReport(displayPath, errors, violations, warnings, settings.enforced());
    } catch (StackFileException e) {
      return new ValidationReport(displayPath, List.of(e.getMessage()), List.of(), List.of(), settings.enforced());
    }
  }

  private static List<String> fileErrors(StackModel model, Path dir) {
    List<String> errors = new ArrayList<>();
    if (dir == null) {
      return errors;
    }
    for (ServiceSpec service : model.services().values()) {
      String prefix = model.file() + ":" + service.line() + ": service " + service.name() + ": ";
      for (String envFile : service.envFiles()) {
        if (DecryptedSecrets.isReference(envFile)) {
          continue;
        }
        try {
          Path resolved = ConfinedPath.resolve(dir, envFile);
          if (!Files.isRegularFile(resolved)) {
            errors.add(prefix + "env_file \"" + envFile + "\" does not exist");
          }
        } catch (PathEscapeException e) {
          errors.add(prefix + "env_file: " + e.getMessage());
        }
      }
      for (VolumeMount mount : service.volumes()) {
        if (mount.relativeBind()) {
          try {
            ConfinedPath.resolve(dir, mount.source().orElseThrow());
          } catch (PathEscapeException e) {
            errors.add(prefix + "volumes: " + e.getMessage());
          }
        }
      }
    }
    return errors;
  }

  private static String name(Path path) {
    return path == null || path.getFileName() == null ? "" : path.getFileName().toString();
  }
}
