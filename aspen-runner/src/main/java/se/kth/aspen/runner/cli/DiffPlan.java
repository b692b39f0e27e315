package se.kth.aspen.runner.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.diff.RegistryComparison;
import se.kth.aspen.core.diff.RegistryDiff;
import se.kth.aspen.core.diff.TargetChange;
import se.kth.aspen.core.pass.DesiredStateReader;
import se.kth.aspen.core.pass.PassSettings;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RegistrySource;
import se.kth.aspen.git.GitRegistrySource;
import se.kth.aspen.runner.Adapters;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.config.RepositoryLocation;
import se.kth.aspen.runner.report.DiffJson;
import se.kth.aspen.runner.report.DiffMarkdown;
import se.kth.aspen.runner.report.DiffText;

/**
 * {@code plan --diff BASE..HEAD}: two revisions of the registry (or two directories) compared as
 * the pass would deploy them. Needs the image registry for ranges and digests, and nothing else:
 * no cluster, no state store, no vault key.
 */
final class DiffPlan {

  /** The output formats. */
  enum Format {
    TEXT,
    JSON,
    MARKDOWN
  }

  /** A usage or repository problem: printed, exit 2. */
  static final class Unplannable extends Exception {
    private static final long serialVersionUID = 1L;

    Unplannable(String message) {
      super(message);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(DiffPlan.class);

  private DiffPlan() {}

  static int run(CliContext context, Configuration configuration, String range, Format format) throws Exception {
    int dots = range.indexOf("..");
    if (dots <= 0 || dots + 2 >= range.length() || range.substring(dots + 2).startsWith(".")) {
      context.err().println("aspen: --diff wants BASE..HEAD (two revisions, or two directories), not \"" + range + "\"");
      return ExitCodes.USAGE;
    }
    String base = range.substring(0, dots);
    String head = range.substring(dots + 2);
    Path scratch = Files.createTempDirectory("aspen-diff-");
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      RegistryComparison.Side[] sides = sides(context, configuration, base, head, scratch, owned);
      PassSettings settings = configuration.passSettings();
      ImageRegistry images = Adapters.imageRegistry(configuration);
      DesiredStateReader reader = new DesiredStateReader(images, settings.requestTimeout(), settings.policies());
      RegistryDiff diff = selected(new RegistryComparison(reader, images, settings.requestTimeout())
          .compare(sides[0], sides[1], settings.targetTimeout()), settings);
      context.out().print(switch (format) {
        case TEXT -> DiffText.render(diff);
        case JSON -> DiffJson.text(diff) + "\n";
        case MARKDOWN -> DiffMarkdown.render(diff);
      });
      context.out().flush();
      if (diff.incomplete()) {
        context.err().println("aspen: the image registry could not be asked about every changed app; the plan is incomplete");
        return ExitCodes.USAGE;
      }
      return diff.failing() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    } catch (Unplannable | PortException e) {
      context.err().println("aspen: plan --diff " + range + ": " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      context.err().println("aspen: plan --diff " + range + ": " + e);
      return ExitCodes.USAGE;
    } finally {
      for (AutoCloseable resource : owned.reversed()) {
        resource.close();
      }
      delete(scratch);
    }
  }

  /**
   * Two directories when both name one; else two revisions of the configured repository: read
   * in place when it is a local directory or a {@code file://} URL (every ref it has), else in
   * Aspen's clone after a sync (the followed branch's commits).
   */
  private static RegistryComparison.Side[] sides(CliContext context, Configuration configuration, String base, String head,
      Path scratch, List<AutoCloseable> owned) throws Unplannable, PortException, IOException {
    Path baseDir = context.workingDirectory().resolve(base);
    Path headDir = context.workingDirectory().resolve(head);
    if (Files.isDirectory(baseDir) && Files.isDirectory(headDir)) {
      return new RegistryComparison.Side[] {new RegistryComparison.Side(base, baseDir), new RegistryComparison.Side(head, headDir)};
    }
    Path repository = repository(configuration, owned);
    String baseCommit = GitRegistrySource.exportRevision(repository, base, scratch.resolve("base"));
    String headCommit = GitRegistrySource.exportRevision(repository, head, scratch.resolve("head"));
    return new RegistryComparison.Side[] {
        new RegistryComparison.Side(label(base, baseCommit), scratch.resolve("base")),
        new RegistryComparison.Side(label(head, headCommit), scratch.resolve("head"))};
  }

  private static Path repository(Configuration configuration, List<AutoCloseable> owned) throws Unplannable, PortException {
    Optional<RepositoryLocation> location = configuration.registry();
    if (location.isEmpty()) {
      throw new Unplannable("REGISTRY_REPOSITORY_URL is not set: name the repository the revisions are in "
          + "(--registry DIR in a CI checkout), or give two directories");
    }
    return switch (location.get()) {
      case RepositoryLocation.LocalDirectory directory -> directory.path();
      case RepositoryLocation.GitRemote remote when remote.url().startsWith("file://") -> Path.of(java.net.URI.create(remote.url()));
      case RepositoryLocation.GitRemote remote -> {
        RegistrySource source = Adapters.registrySource(configuration, owned);
        yield source.sync(Deadline.in(configuration.passSettings().targetTimeout())).root();
      }
    };
  }

  /** {@code main (3b01b96e1f2a)}, or the commit alone when that is what was asked for. */
  private static String label(String revision, String commit) {
    String shortCommit = commit.substring(0, 12);
    return commit.startsWith(revision) ? shortCommit : revision + " (" + shortCommit + ")";
  }

  /** Only the clusters and apps a pass would deploy (CLUSTERS_TO_DEPLOY, EXCLUDED_APPS). */
  private static RegistryDiff selected(RegistryDiff diff, PassSettings settings) {
    List<TargetChange> kept = diff.targets().stream()
        .filter(t -> settings.clustersToDeploy().isEmpty() || settings.clustersToDeploy().contains(t.cluster()))
        .filter(t -> !settings.excludedApps().contains(t.application()))
        .toList();
    return new RegistryDiff(diff.base(), diff.head(), kept, diff.problems());
  }

  private static void delete(Path root) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // A scratch copy of public stack files; nothing secret is left behind.
      LOG.warn("could not remove {}: {}", root, e.toString());
    }
  }
}
