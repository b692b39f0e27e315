package se.kth.aspen.runner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import se.kth.aspen.core.compose.StackWarning;
import se.kth.aspen.core.pass.RegistryLinks;
import se.kth.aspen.core.pass.StackValidation;
import se.kth.aspen.core.policy.PolicyName;
import se.kth.aspen.core.policy.PolicySettings;
import se.kth.aspen.core.policy.ValidationReport;
import se.kth.aspen.core.policy.Violation;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.config.ConfigurationReader;

/** {@code aspen validate PATH...}: the offline check of stack files or app directories. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = BuildInfoVersion.class,
    description = {"Check stack files, or every docker-stack.yml under directories, offline, with the pass's own Read and Check",
        "steps: parse, interpolate, tagged images, paths and env files inside the app's directory, secrets.env where",
        "secrets.decrypted.env is used, policies. No network, no secrets; version ranges stand for their base version.",
        "Honours POLICIES and each policy's settings",
        "(FRONT_END_RULE_LABEL, ROOT_PATH_ALLOWED_APPS, LOGGING_POLICY_OPTIONS, RESTART_POLICY_KEYS, RESOURCE_POLICY_KEYS,",
        "HOST_BIND_POLICY, HOST_BIND_ALLOW). Application and cluster directory names must be names the engine takes.",
        "Symbolic links are not followed, as in a pass: a linked docker-stack.yml, or a linked directory outside an app's",
        "directory, is reported INVALID."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every stack is valid", "1:a stack is invalid, or none was found", "2:usage"})
final class ValidateCommand implements Callable<Integer> {

  private static final String STACK_FILE = "docker-stack.yml";

  private final CliContext context;

  @Mixin
  ConfigOptions options = new ConfigOptions();

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "docker-stack.yml files, or directories searched for them.")
  List<Path> paths;

  ValidateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    return Configurations.use(context, options, ConfigurationReader.Purpose.OFFLINE, this::validate);
  }

  private int validate(Configuration configuration) throws IOException {
    PolicySettings policies = configuration.policies();
    List<Path> files = new ArrayList<>();
    // Links are refused as a pass refuses them (RegistryLinks): each counts as an invalid entry.
    List<String> links = new ArrayList<>();
    for (Path path : paths) {
      Path resolved = context.workingDirectory().resolve(path).normalize();
      if (Files.isSymbolicLink(resolved) && !Files.isDirectory(resolved)) {
        links.add(RegistryLinks.stackFile(display(resolved)));
      } else if (Files.isDirectory(resolved)) {
        RegistryLinks.Search found = RegistryLinks.search(resolved);
        Path base = resolved.toRealPath();
        files.addAll(found.stackFiles().stream().map(f -> resolved.resolve(base.relativize(f))).toList());
        found.linkedStackFiles().forEach(f -> links.add(RegistryLinks.stackFile(display(resolved.resolve(f)))));
        found.linkedDirectories().forEach(d -> links.add(RegistryLinks.directory(display(resolved.resolve(d)))));
      } else if (Files.isRegularFile(resolved)) {
        files.add(resolved);
      } else {
        context.err().println("aspen validate: " + path + ": no such file or directory");
        return ExitCodes.FAILED;
      }
    }
    if (files.isEmpty() && links.isEmpty()) {
      context.err().println("aspen validate: no " + STACK_FILE + " found under " + paths);
      return ExitCodes.FAILED;
    }
    int invalid = links.size();
    for (String link : links) {
      context.out().println("INVALID  " + link);
    }
    for (Path file : files) {
      ValidationReport report = StackValidation.validate(file, display(file), policies);
      print(report);
      invalid += report.valid() ? 0 : 1;
    }
    context.out().println();
    context.out().println("policies applied: " + PolicyName.describe(policies.enforced()));
    int checked = files.size() + links.size();
    context.out().println(checked + (checked == 1 ? " stack" : " stacks") + " checked, " + invalid + " invalid");
    return invalid == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private void print(ValidationReport report) {
    context.out().println((report.valid() ? "VALID    " : "INVALID  ") + report.file());
    for (String error : report.errors()) {
      context.out().println("  error: " + error);
    }
    for (Violation violation : report.violations()) {
      context.out().println("  " + violation.policy() + ": " + violation.message());
    }
    for (StackWarning warning : report.warnings()) {
      context.out().println("  warning: " + warning);
    }
  }

  private String display(Path file) {
    Path base = context.workingDirectory();
    return file.startsWith(base) ? base.relativize(file).toString() : file.toString();
  }
}
