package se.kth.aspen.core.pass;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.compose.StackFileException;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.compose.StackSource;
import se.kth.aspen.core.compose.StackWarning;
import se.kth.aspen.core.compose.VersionRequest;
import se.kth.aspen.core.policy.Policies;
import se.kth.aspen.core.policy.PolicySettings;
import se.kth.aspen.core.policy.ValidationReport;
import se.kth.aspen.core.policy.Violation;
import se.kth.aspen.core.version.VersionRange;

/**
 * The offline check behind {@code aspen validate}: one stack file through the pass's own Read
 * and Check stages ({@link ReadStage}, {@link CheckStage}), so that validate, a plan and a deploy
 * cannot disagree about a file. What a pass does before them needs the network or the state, so
 * validate does it its own way: the application and cluster names are checked as a pass checks
 * them, and each version variable stands for its range's base version ({@code ~2.9.0} is read as
 * {@code 2.9.0}, a valid tag) instead of being resolved against the registry. No secret is
 * decrypted; a stack that uses {@code secrets.decrypted.env} needs its {@code secrets.env}, as
 * in a pass.
 */
public final class StackValidation {

  /** What validate gives the Read stage: the stack as parsed, and its variables with ranges at their base versions. */
  private record Offline(Known known, Optional<StackSource> source, Map<String, String> variables)
      implements ReadStage.StackToRead {}

  private final StackReader reader;

  public StackValidation(StackReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /** Validates with a default {@link StackReader}. */
  public static ValidationReport validate(Path stackFile, String displayPath, PolicySettings settings) {
    return new StackValidation(new StackReader()).check(stackFile, displayPath, settings);
  }

  /**
   * @param stackFile the file, anywhere; its parent is the cluster's directory and its
   *     grandparent the application's, as in a registry
   * @param displayPath the file as users are shown it
   */
  public ValidationReport check(Path stackFile, String displayPath, PolicySettings settings) {
    Path clusterDir = stackFile.toAbsolutePath().normalize().getParent();
    String cluster = name(clusterDir);
    String application = clusterDir == null ? "" : name(clusterDir.getParent());
    if (application.isEmpty() || cluster.isEmpty()) {
      return invalid(displayPath, settings, List.of(displayPath + ": not inside an <application>/<cluster> directory, "
          + "where a pass looks for stacks"));
    }
    AppTarget target = new AppTarget(application, cluster, clusterDir, displayPath);
    StackSource source;
    Map<String, String> variables = new HashMap<>();
    try {
      Reading.names(target);
      source = reader.parse(stackFile, displayPath);
      variables.put("APPLICATION_NAME", application);
      variables.put("PORTILLO_CLUSTER", cluster);
      for (VersionRequest request : source.versionRequests()) {
        if (VersionRange.read(request.range()).isEmpty()) {
          throw new StackFileException(displayPath, request.line(), request.service(),
              VersionRange.notAVersion(request.variable(), request.range()));
        }
        variables.put(request.variable(), request.range().replaceFirst("^[~^]", ""));
      }
    } catch (StepFailure failure) {
      return invalid(displayPath, settings, failure.problems());
    } catch (StackFileException e) {
      return invalid(displayPath, settings, List.of(e.getMessage()));
    }
    return readAndCheck(target, new Offline(Known.of(target), Optional.of(source), variables), settings);
  }

  private ValidationReport readAndCheck(AppTarget target, Offline offline, PolicySettings settings) {
    ReadStage.Read<Offline> read;
    try {
      read = next(new ReadStage<Offline>(reader, target).apply(offline));
    } catch (StepFailure failure) {
      return invalid(target.stackPath(), settings, failure.problems());
    }
    List<StackWarning> warnings = new ArrayList<>(read.read().stack().warnings());
    try {
      CheckStage.Checked<Offline> checked = next(new CheckStage<Offline>(Policies.of(settings), target).apply(read));
      for (Violation warning : checked.warnings()) {
        warnings.add(new StackWarning(warning.line(), warning.service(), warning.policy() + ": " + warning.detail()));
      }
      return new ValidationReport(target.stackPath(), List.of(), List.of(), warnings, settings.enforced());
    } catch (StepFailure failure) {
      return new ValidationReport(target.stackPath(), List.of(), failure.violations(), warnings, settings.enforced());
    }
  }

  /** Read and Check either go on or fail: neither finishes a target. */
  private static <T> T next(Next<T> next) {
    return switch (next) {
      case Next.Go<T> go -> go.input();
      case Next.Done<T> done -> throw new IllegalStateException("a stage finished a validation: " + done.result());
    };
  }

  private static ValidationReport invalid(String displayPath, PolicySettings settings, List<String> errors) {
    return new ValidationReport(displayPath, errors, List.of(), List.of(), settings.enforced());
  }

  private static String name(Path path) {
    return path == null || path.getFileName() == null ? "" : path.getFileName().toString();
  }
}
