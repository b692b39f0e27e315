package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import se.kth.aspen.core.compose.ServiceDependency;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * Job services run again on every update the engine accepts, even one that changes nothing. To
 * run a job only when its spec changed, each job is labelled with a digest of the spec sent
 * ({@value #LABEL}), and a job whose label matches and whose last run completed is not updated.
 * A job whose last run failed is run again, so that a retried deploy retries it.
 */
final class JobRuns {

  static final String LABEL = "se.kth.aspen.job-spec";

  private JobRuns() {}

  /** The label for a spec about to be sent, computed before any ownership label is added. */
  static String label(ObjectNode spec) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(spec.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  static void mark(ObjectNode spec, String label) {
    ObjectNode labels = spec.path("Labels") instanceof ObjectNode existing ? existing : spec.putObject("Labels");
    labels.put(LABEL, label);
  }

  /** Whether the job {@code key} already runs this spec and its current run completed. */
  static boolean alreadyRan(EngineClient engine, StackNames names, String key, JsonNode current, String label)
      throws UnreachableException, RefusedException {
    if (!label.equals(current.path("Spec").path("Labels").path(LABEL).asText(""))) {
      return false;
    }
    return StackSnapshot.read(engine, names).reached(key, ServiceDependency.Condition.SERVICE_COMPLETED_SUCCESSFULLY);
  }
}
