package se.kth.aspen.core.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/**
 * The embedded store's file: JSON, one document, versioned, times as ISO-8601 text. Plain
 * records of strings here, so the file format never follows a port record's shape by accident.
 */
final class StateFileFormat {

  static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  record Document(int version, List<Target> targets, List<Mark> marks) {}

  record Target(String group, String cluster, String stackPath, Good lastGood, Failed lastFailed) {}

  record Good(String fingerprint, String at, Map<String, String> images, String revision) {}

  record Failed(String fingerprint, String since, String step, String reason, int attempts) {}

  record Mark(String group, String cluster, String stackPath, String step, String at, String expires) {}

  private StateFileFormat() {}

  static byte[] write(InMemoryStateStore.Durable durable) throws IOException {
    List<Target> targets = new ArrayList<>();
    durable.targets().forEach((key, state) -> targets.add(new Target(key.group(), key.cluster(), key.stackPath(),
        state.lastGood().map(g -> new Good(g.fingerprint(), g.at().toString(), g.images(), g.revision())).orElse(null),
        state.lastFailed().map(f -> new Failed(f.fingerprint(), f.since().toString(), f.step(), f.reason(), f.attempts())).orElse(null))));
    List<Mark> marks = new ArrayList<>();
    durable.marks().forEach((mark, stored) -> marks.add(new Mark(mark.target().group(), mark.target().cluster(),
        mark.target().stackPath(), mark.step(), stored.at().toString(), stored.expires().toString())));
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Document(VERSION, targets, marks));
  }

  /**
   * Reads the file's content.
   *
   * @throws IOException saying what is wrong when it is not a state file of this version
   */
  static InMemoryStateStore.Durable read(byte[] content) throws IOException {
    Document doc;
    try {
      doc = JSON.readValue(content, Document.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException("not a state file: " + e.getOriginalMessage(), e);
    }
    if (doc == null || doc.version() != VERSION || doc.targets() == null || doc.marks() == null) {
      throw new IOException("not a state file of version " + VERSION);
    }
    try {
      Map<TargetKey, TargetState> targets = new HashMap<>();
      for (Target t : doc.targets()) {
        Optional<DeployRecord> good = Optional.ofNullable(t.lastGood()).map(g ->
            new DeployRecord(g.fingerprint(), Instant.parse(g.at()), g.images() == null ? Map.of() : g.images(), g.revision()));
        Optional<FailureRecord> failed = Optional.ofNullable(t.lastFailed()).map(f ->
            new FailureRecord(f.fingerprint(), Instant.parse(f.since()), f.step(), f.reason(), f.attempts()));
        targets.put(new TargetKey(t.group(), t.cluster(), t.stackPath()), new TargetState(good, failed));
      }
      Map<ErrorMark, InMemoryStateStore.StoredMark> marks = new HashMap<>();
      for (Mark m : doc.marks()) {
        marks.put(new ErrorMark(new TargetKey(m.group(), m.cluster(), m.stackPath()), m.step()),
            new InMemoryStateStore.StoredMark(Instant.parse(m.at()), Instant.parse(m.expires())));
      }
      return new InMemoryStateStore.Durable(targets, marks);
    } catch (RuntimeException e) {
      throw new IOException("a record of the state file is incomplete or malformed: " + e.getMessage(), e);
    }
  }
}
