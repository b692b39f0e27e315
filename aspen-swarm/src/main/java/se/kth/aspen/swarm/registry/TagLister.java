package se.kth.aspen.swarm.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;

/**
 * {@code GET /v2/<name>/tags/list?n=100}, following {@code Link: <...>; rel="next"} pages until
 * there are no more. {@code 404} means the repository does not exist; {@code "tags": null} (a
 * repository whose tags were all deleted) is no tags. An Azure Container Registry is asked
 * {@code GET /acr/v1/<name>/_tags?n=100} instead, whose tags are objects with a {@code name}
 * (and which pages the same way).
 */
final class TagLister {

  static final int PAGE_SIZE = 100;
  private static final int MAX_PAGES = 1000;

  private final RegistryTransport transport;

  TagLister(RegistryTransport transport) {
    this.transport = transport;
  }

  List<String> tags(ImageReference image, RegistryLocation location, Deadline deadline) throws PortException {
    String attempt = "listing tags of " + image.name();
    List<String> tags = new ArrayList<>();
    Set<URI> seen = new HashSet<>();
    Optional<URI> page = Optional.of(location.firstTagPage(PAGE_SIZE));
    while (page.isPresent()) {
      URI uri = page.get();
      if (seen.contains(uri) || seen.size() >= MAX_PAGES) {
        throw new RefusedException(attempt + ": registry " + location.registryName()
            + " keeps linking to more pages (at " + uri + " after " + seen.size() + " pages)");
      }
      seen.add(uri);
      RegistryResponse response =
          transport.send(attempt, location, "GET", uri, List.of("application/json"), deadline);
      if (response.statusCode() == 404) {
        throw new RefusedException(attempt + ": repository " + location.repository()
            + " not found in registry " + location.registryName() + " (HTTP 404)");
      }
      if (response.statusCode() != 200) {
        throw RegistryAnswer.unexpected(attempt, location.registryName(), response, transport.now());
      }
      tags.addAll(pageTags(attempt, location, response));
      page = next(attempt, location, uri, response);
    }
    return List.copyOf(tags);
  }

  private static List<String> pageTags(String attempt, RegistryLocation location, RegistryResponse response)
      throws RefusedException {
    JsonNode body = RegistryAnswer.json(attempt, location.registryName(), response);
    JsonNode tags = body.path("tags");
    if (!body.isObject() || !(tags.isArray() || tags.isNull())) {
      throw new RefusedException(attempt + ": registry " + location.registryName()
          + " answered without a tags list (" + RegistryAnswer.quote(response.body()) + ")");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode entry : tags) {
      JsonNode tag = location.listing() == KnownRegistry.TagListing.ACR ? entry.path("name") : entry;
      if (!tag.isTextual()) {
        throw new RefusedException(attempt + ": registry " + location.registryName()
            + " listed a tag that is not text (" + entry + ")");
      }
      values.add(tag.asText());
    }
    return values;
  }

  private static Optional<URI> next(String attempt, RegistryLocation location, URI page, RegistryResponse response)
      throws RefusedException {
    try {
      return NextPageLink.find(page, response.headers().allValues("Link"));
    } catch (IllegalArgumentException e) {
      throw new RefusedException(attempt + ": registry " + location.registryName() + " sent a " + e.getMessage(), e);
    }
  }
}
