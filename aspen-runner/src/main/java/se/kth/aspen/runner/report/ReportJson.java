package se.kth.aspen.runner.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.PassReport;

/**
 * The JSON report (aspen-runner/README.md): {@code revision} and {@code results}, each with application,
 * cluster, path, status, and step/reason when there is one, images when known. Extra fields
 * ({@code since}, {@code failure}, {@code rolledBack}, {@code seconds}, {@code problems}, {@code policies}:
 * the policies every stack was checked against) only add.
 */
public final class ReportJson {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  public static ObjectNode document(PassReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("revision", report.revision());
    root.put("startedAt", report.startedAt().toString());
    root.put("seconds", seconds(report.duration().toMillis()));
    ArrayNode results = root.putArray("results");
    for (AppResult result : report.results()) {
      results.add(result(result));
    }
    ArrayNode policies = root.putArray("policies");
    report.policies().forEach(p -> policies.add(p.text()));
    if (!report.orphans().isEmpty()) {
      root.set("orphans", orphans(report.orphans()));
    }
    if (!report.problems().isEmpty()) {
      ArrayNode problems = root.putArray("problems");
      report.problems().forEach(problems::add);
    }
    return root;
  }

  public static ObjectNode result(AppResult result) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("application", result.target().application());
    node.put("cluster", result.target().cluster());
    node.put("path", result.target().stackPath());
    node.put("status", result.status().name());
    result.step().ifPresent(step -> node.put("step", step));
    result.reason().ifPresent(reason -> node.put("reason", reason));
    result.blockedSince().ifPresent(since -> node.put("since", since.toString()));
    result.heldBy().ifPresent(holder -> {
      holder.runner().ifPresent(runner -> node.put("heldBy", runner));
      holder.since().ifPresent(since -> node.put("since", since.toString()));
    });
    result.failure().ifPresent(kind -> node.put("failure", kind.name()));
    if (!result.images().isEmpty()) {
      ObjectNode images = node.putObject("images");
      result.images().forEach(images::put);
    }
    if (!result.rolledBack().isEmpty()) {
      ArrayNode rolledBack = node.putArray("rolledBack");
      result.rolledBack().forEach(rolledBack::add);
    }
    if (!result.warnings().isEmpty()) {
      ArrayNode warnings = node.putArray("warnings");
      result.warnings().forEach(warnings::add);
    }
    result.lastDeploy().ifPresent(last -> {
      node.put("deployedAt", last.at().toString());
      if (!last.revision().isEmpty()) {
        node.put("deployedRevision", last.revision());
      }
    });
    node.put("seconds", seconds(result.duration().toMillis()));
    return node;
  }

  /** {@code [{"cluster", "stack", "status": "ORPHANED", "since", "removed", "note"}]}. */
  public static ArrayNode orphans(java.util.List<se.kth.aspen.core.pass.Orphan> orphans) {
    ArrayNode list = MAPPER.createArrayNode();
    for (var orphan : orphans) {
      ObjectNode node = list.addObject();
      node.put("cluster", orphan.cluster());
      node.put("stack", orphan.stack());
      node.put("status", "ORPHANED");
      node.put("since", orphan.since().toString());
      node.put("removed", orphan.removed());
      orphan.note().ifPresent(n -> node.put("note", n));
    }
    return list;
  }

  /** The document as indented JSON text. */
  public static String text(PassReport report) {
    try {
      return MAPPER.writeValueAsString(document(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that cannot be written: " + e.getMessage(), e);
    }
  }

  private static double seconds(long millis) {
    return millis / 1000.0;
  }
}
