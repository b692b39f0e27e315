package se.kth.aspen.runner.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import se.kth.aspen.runner.config.Setting;

/** {@code aspen}: the top command; without a subcommand it runs {@code run}. */
@Command(name = "aspen", mixinStandardHelpOptions = true, versionProvider = BuildInfoVersion.class,
    description = {
        "Keeps Docker Swarm clusters in step with a git repository of stack files",
        "(.../<application>/<cluster>/docker-stack.yml, with an Ansible Vault secrets.env beside it)."},
    commandListHeading = "%nCommands:%n",
    footerHeading = "%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done; no app failed", "1:an app failed, a stack is invalid, a vault does not open", "2:bad configuration or usage"})
public final class AspenCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say which command to run");
  }

  /** Words of {@code text} in lines of at most {@code width} characters. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  /** The help's end: examples, then every environment name with its default. */
  static String footer() {
    StringBuilder text = new StringBuilder();
    text.append("Examples:%n");
    text.append("  aspen run --once --registry examples/registry     one pass over a local directory, then a summary%n");
    text.append("  aspen plan --json                                what would change, as JSON on stdout%n");
    text.append("  aspen plan --cached                              the same from the running runner's tag lists, no registry call%n");
    text.append("  aspen adopt                                      switching over: record what the clusters already run%n");
    text.append("  aspen drift                                      what the clusters run differently from what was deployed%n");
    text.append("  aspen run                                        the loop, and the HTTP API on port 3005%n");
    text.append("  aspen validate team/app/active/docker-stack.yml  offline check: parse, interpolate, policies%n");
    text.append("  aspen vault view secrets.env --password-file key print a vault's plaintext%n");
    text.append("  aspen run -s CLUSTERS_TO_DEPLOY=stage            override one environment name for this run%n");
    text.append("%nConfiguration (environment names; -s NAME=VALUE overrides one):%n");
    for (Setting setting : Setting.values()) {
      text.append("  ").append(setting.name())
          .append(setting.defaultText().map(d -> "  [default: " + d + "]").orElse(""))
          .append(setting.fileName().map(f -> "  (or " + f + ": a file holding it)").orElse("")).append("%n");
      for (String line : wrap(setting.description(), 96)) {
        text.append("      ").append(line.replace("%", "%%")).append("%n");
      }
    }
    text.append("%nHTTP API: GET /healthz, /metrics, /api/v1/state, /api/v1/deployments, /api/v1/status/<group>,%n");
    text.append("/api/v1/applications[/<cluster>/<app>], /api/v1/sync/start, /api/v1/sync/stop; POST /api/v1/sync/trigger,%n");
    text.append("/api/v1/applications/<cluster>/<app>/retry, /api/v1/webhook/git; DELETE /api/v1/cache/<group>/<cluster>[/<app>].%n");
    text.append("With API_TOKEN set, the mutating ones need Authorization: Bearer <token>.%n");
    return text.toString();
  }
}
