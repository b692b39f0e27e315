package se.kth.aspen.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.FailureRecord;

/**
 * Records as small JSON objects, readable with {@code redis-cli HGETALL}; instants in ISO-8601
 * with their full precision.
 */
final class RecordCodec {

  /** A stored value that is not what Aspen writes. */
  static final class MalformedRecordException extends Exception {
    MalformedRecordException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final ObjectMapper mapper = new ObjectMapper();

  String write(DeployRecord record) {
    ObjectNode json = mapper.createObjectNode();
    json.put("fingerprint", record.fingerprint());
    json.put("at", instant(record.at()));
    ObjectNode images = json.putObject("images");
    new TreeMap<>(record.images()).forEach(images::put);
    json.put("revision", record.revision());
    return text(json);
  }

  String write(FailureRecord record) {
    ObjectNode json = mapper.createObjectNode();
    json.put("fingerprint", record.fingerprint());
    json.put("since", instant(record.since()));
    json.put("step", record.step());
    json.put("reason", record.reason());
    json.put("attempts", record.attempts());
    return text(json);
  }

  DeployRecord readDeploy(String text) throws MalformedRecordException {
    try {
      JsonNode json = mapper.readTree(text);
      Map<String, String> images = new LinkedHashMap<>();
      json.required("images").properties().forEach(e -> images.put(e.getKey(), e.getValue().asText()));
      return new DeployRecord(string(json, "fingerprint"), instant(json, "at"), images, string(json, "revision"));
    } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException e) {
      throw new MalformedRecordException("not a deploy record as Aspen writes it: " + e.getMessage(), e);
    }
  }

  FailureRecord readFailure(String text) throws MalformedRecordException {
    try {
      JsonNode json = mapper.readTree(text);
      return new FailureRecord(string(json, "fingerprint"), instant(json, "since"), string(json, "step"),
          string(json, "reason"), json.required("attempts").asInt());
    } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException e) {
      throw new MalformedRecordException("not a failure record as Aspen writes it: " + e.getMessage(), e);
    }
  }

  private static String string(JsonNode json, String field) {
    JsonNode value = json.required(field);
    return value.isNull() ? null : value.asText();
  }

  private static Instant instant(JsonNode json, String field) {
    String value = string(json, field);
    return value == null ? null : Instant.parse(value);
  }

  private static String instant(Instant at) {
    return at == null ? null : at.toString();
  }

  private String text(ObjectNode json) {
    try {
      return mapper.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a state record as JSON: " + e.getMessage(), e);
    }
  }
}
