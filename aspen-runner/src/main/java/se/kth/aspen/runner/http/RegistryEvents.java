package se.kth.aspen.runner.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.kth.aspen.core.catalogue.PushedImage;

/**
 * The tags a registry's push notification names, from the body each sender documents:
 *
 * <ul>
 *   <li>the Docker distribution registry's notification envelope ({@code
 *       application/vnd.docker.distribution.events.v1+json}: {@code events[]} with {@code
 *       action}, {@code target.repository}, {@code target.tag}, {@code request.host}), which
 *       GitLab's container registry sends as well;
 *   <li>Azure Container Registry's webhook: one such event at the top level;
 *   <li>Harbor's {@code PUSH_ARTIFACT} (and Harbor 1's {@code pushImage}): {@code
 *       event_data.repository.repo_full_name}, {@code event_data.resources[].tag} and {@code
 *       resource_url} for the host;
 *   <li>Docker Hub's: {@code push_data.tag} and {@code repository.repo_name}.
 * </ul>
 *
 * Events other than tag pushes (pulls, deletes, blob uploads, pushes by digest) name nothing.
 */
final class RegistryEvents {

  /** What a body says: who sent it and the tags pushed (none for other events). */
  record Pushes(String sender, List<PushedImage> images) {}

  private RegistryEvents() {}

  /** @throws IllegalArgumentException saying why the body is none of the known notifications */
  static Pushes read(byte[] body) {
    JsonNode root;
    try {
      root = Exchange.JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the body is not a JSON object");
    }
    if (root.has("events")) {
      return new Pushes("distribution", distribution(root.path("events")));
    }
    if (root.has("push_data")) {
      return new Pushes("Docker Hub", dockerHub(root));
    }
    if (root.has("event_data") && root.has("type")) {
      return new Pushes("Harbor", harbor(root));
    }
    if (root.has("action") && root.has("target")) {
      return new Pushes("Azure Container Registry", event(root).map(List::of).orElse(List.of()));
    }
    throw new IllegalArgumentException("the body is no registry notification this endpoint knows "
        + "(Docker distribution, Azure Container Registry, Harbor, GitLab or Docker Hub)");
  }

  private static List<PushedImage> distribution(JsonNode events) {
    if (!events.isArray()) {
      throw new IllegalArgumentException("\"events\" is not a list");
    }
    List<PushedImage> pushes = new ArrayList<>();
    for (JsonNode e : events) {
      if (!e.isObject()) {
        throw new IllegalArgumentException("an event is not a JSON object");
      }
      event(e).ifPresent(pushes::add);
    }
    return pushes;
  }

  /** One distribution-style event: a push with a tag, or nothing. */
  private static Optional<PushedImage> event(JsonNode e) {
    JsonNode target = e.path("target");
    if (!"push".equals(text(e, "action")) || !target.isObject()) {
      return Optional.empty();
    }
    Optional<String> tag = optionalText(target, "tag");
    if (tag.isEmpty()) {
      return Optional.empty(); // a blob, or a manifest pushed by digest
    }
    return Optional.of(pushed(optionalText(e.path("request"), "host"), required(target, "repository", "target"), tag.get()));
  }

  private static List<PushedImage> harbor(JsonNode root) {
    String type = text(root, "type");
    if (!"PUSH_ARTIFACT".equals(type) && !"pushImage".equals(type)) {
      return List.of();
    }
    JsonNode data = root.path("event_data");
    String repository = required(data.path("repository"), "repo_full_name", "event_data.repository");
    JsonNode resources = data.path("resources");
    if (!resources.isArray()) {
      throw new IllegalArgumentException("event_data.resources is not a list");
    }
    List<PushedImage> pushes = new ArrayList<>();
    for (JsonNode resource : resources) {
      Optional<String> tag = optionalText(resource, "tag");
      if (tag.isPresent()) {
        Optional<String> host = optionalText(resource, "resource_url")
            .filter(url -> url.indexOf('/') > 0).map(url -> url.substring(0, url.indexOf('/')));
        pushes.add(pushed(host, repository, tag.get()));
      }
    }
    return pushes;
  }

  private static List<PushedImage> dockerHub(JsonNode root) {
    String tag = required(root.path("push_data"), "tag", "push_data");
    String repository = required(root.path("repository"), "repo_name", "repository");
    return List.of(pushed(Optional.empty(), repository, tag));
  }

  private static PushedImage pushed(Optional<String> host, String repository, String tag) {
    try {
      return new PushedImage(host, repository, tag);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a push names no usable image: " + e.getMessage());
    }
  }

  private static String required(JsonNode node, String field, String where) {
    return optionalText(node, field)
        .orElseThrow(() -> new IllegalArgumentException(where + "." + field + " is missing or not text"));
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).asText("");
  }
}
