package se.kth.aspen.swarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Whether a service already runs the very spec a deploy is about to send. Several runners share
 * the leases of one state store; a runner stopped between its engine write and its record leaves
 * the target to a peer, which deploys the same desired state again. Sending the same spec twice
 * restarts nothing in Swarm, but it is a second write, a second "update" for whoever watches the
 * engine, and a new service version. So Aspen labels each spec it sends with a digest of it and
 * skips the write when the service carries the same digest and its recorded fields still read as
 * sent (a hand change since, to the image, environment, mounts and the like, is written over as
 * before). A service whose update Swarm is still rolling out is skipped too (it is rolling out
 * this very spec); one whose update was paused or rolled back is written again, since a write is
 * what starts it over.
 */
final class SentSpec {

  /** The digest of the whole spec Aspen sent, this label left out. */
  static final String DIGEST_LABEL = "se.kth.aspen.spec-digest";

  private SentSpec() {}

  /** Labels {@code spec} with its digest; the spec must already carry every other label. */
  static void label(ObjectNode spec) {
    ObjectNode labels = spec.path("Labels") instanceof ObjectNode existing ? existing : spec.putObject("Labels");
    labels.remove(DIGEST_LABEL);
    labels.put(DIGEST_LABEL, digest(spec));
  }

  /** True when {@code current} (a service as the engine lists it) runs {@code spec} as {@link #label} left it. */
  static boolean runs(JsonNode current, JsonNode spec) {
    String sent = current.path("Spec").path("Labels").path(DIGEST_LABEL).asText("");
    String wanted = spec.path("Labels").path(DIGEST_LABEL).asText("");
    String update = current.path("UpdateStatus").path("State").asText("completed");
    return !wanted.isEmpty() && wanted.equals(sent) && (update.equals("completed") || update.equals("updating"))
        && SpecRecord.of(current.path("Spec")).equals(SpecRecord.of(spec));
  }

  private static String digest(JsonNode spec) {
    try {
      return SpecRecord.digest(EngineClient.JSON.writeValueAsString(spec));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
