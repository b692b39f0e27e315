package se.kth.aspen.runner.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.catalogue.PushedImage;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.runner.loop.SyncLoop;

/**
 * {@code POST /api/v1/webhook/registry}: a registry says a tag was pushed. The repository's tag
 * list is fetched at once, and when the tag is in the range of some applications, a pass for
 * those applications only starts (while the loop is on).
 *
 * <p>Authenticated by {@code Authorization: Bearer <API_TOKEN>}, which the distribution registry,
 * GitLab's, Harbor and Azure Container Registry can all be set to send; Docker Hub sends no
 * header, so {@code ?token=<API_TOKEN>} in the URL is taken as well. None of these senders signs
 * its body. Without {@code API_TOKEN} every notification is refused. Independent of the HTTP
 * server: it takes a header lookup, the raw query and the body, and returns the answer.
 */
final class RegistryWebhook {

  private static final Logger log = LoggerFactory.getLogger(RegistryWebhook.class);

  /** The status and JSON body to answer with. */
  record Reply(int status, ObjectNode body) {}

  private final Optional<Secret> token;
  private final BearerToken bearer;
  private final TagEvents tags;
  private final SyncLoop loop;
  private final Duration refreshWait;

  RegistryWebhook(Optional<Secret> token, TagEvents tags, SyncLoop loop, Duration refreshWait) {
    this.token = token;
    this.bearer = new BearerToken(token);
    this.tags = tags;
    this.loop = loop;
    this.refreshWait = refreshWait;
  }

  Reply handle(Function<String, String> header, String rawQuery, byte[] body, Object from) {
    if (token.isEmpty()) {
      return new Reply(403, Exchange.message("registry webhooks are off: set API_TOKEN to accept them"));
    }
    if (!bearer.admits(header.apply("Authorization")) && !queryTokenAdmits(rawQuery)) {
      log.warn("refused a registry webhook from {}: missing or wrong token", from);
      return new Reply(401, Exchange.message(
          "this endpoint needs Authorization: Bearer <API_TOKEN> (or ?token=<API_TOKEN> for Docker Hub)"));
    }
    RegistryEvents.Pushes pushes;
    try {
      pushes = RegistryEvents.read(body);
    } catch (IllegalArgumentException e) {
      log.warn("refused a registry webhook from {}: {}", from, e.getMessage());
      return new Reply(400, Exchange.message("bad registry notification: " + e.getMessage()));
    }
    if (pushes.images().isEmpty()) {
      return new Reply(200, Exchange.message("no tag push in this " + pushes.sender() + " notification; nothing to do"));
    }
    Deadline deadline = Deadline.in(refreshWait);
    Set<String> applications = new TreeSet<>();
    for (PushedImage image : pushes.images()) {
      applications.addAll(tags.pushed(image, deadline));
    }
    log.info("{} notification of {} push(es) ({}): {}", pushes.sender(), pushes.images().size(),
        pushes.images().getFirst(), applications.isEmpty() ? "no application's range takes it" : "concerns " + applications);
    if (applications.isEmpty()) {
      return new Reply(200, withApplications(Exchange.message("no application's range takes the pushed tag"), applications));
    }
    if (!loop.syncing()) {
      // A stopped loop is an operator's decision (a freeze); a push must not override it.
      return new Reply(200, withApplications(
          Exchange.message("sync is stopped; the push deploys when it is started again"), applications));
    }
    if (!loop.trigger(applications)) {
      return new Reply(503, Exchange.message("shutting down: no new pass starts"));
    }
    return new Reply(202, withApplications(
        Exchange.message("Pass triggered for " + applications.size() + " application(s)"), applications));
  }

  private boolean queryTokenAdmits(String rawQuery) {
    if (rawQuery == null || token.isEmpty()) {
      return false;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("token=")) {
        byte[] given = java.net.URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(Digests.sha256(given), Digests.sha256(token.get().bytes()));
      }
    }
    return false;
  }

  private static ObjectNode withApplications(ObjectNode message, Set<String> applications) {
    ArrayNode list = message.putArray("applications");
    applications.forEach(list::add);
    return message;
  }
}
