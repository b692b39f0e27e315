package se.kth.aspen.runner.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.runner.loop.SyncLoop;

/**
 * {@code POST /api/v1/webhook/git}: a signed push from GitHub, Gitea or GitLab starts a pass at
 * once (while the loop is on), so a commit deploys within seconds instead of a polling interval. Refused without
 * {@code WEBHOOK_SECRET}, with a wrong signature, or when the same delivery comes again.
 */
final class WebhookEndpoint {

  private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

  private final Optional<PushWebhook> verifier;
  private final DeliveryLog deliveries;
  private final SyncLoop loop;

  WebhookEndpoint(Optional<Secret> secret, DeliveryLog deliveries, SyncLoop loop) {
    this.verifier = secret.map(PushWebhook::new);
    this.deliveries = deliveries;
    this.loop = loop;
  }

  void handle(HttpExchange exchange) throws IOException {
    byte[] body = Exchange.body(exchange);
    if (verifier.isEmpty()) {
      Exchange.json(exchange, 403, Exchange.message("webhooks are off: set WEBHOOK_SECRET to accept them"));
      return;
    }
    PushWebhook.Delivery delivery;
    try {
      delivery = verifier.get().authenticate(exchange.getRequestHeaders()::getFirst, body);
    } catch (PushWebhook.Refusal refusal) {
      log.warn("refused a webhook from {}: {}", exchange.getRemoteAddress(), refusal.getMessage());
      Exchange.json(exchange, refusal.status(), Exchange.message(refusal.getMessage()));
      return;
    }
    // Remembered only once authenticated: unsigned requests cannot fill the memory or block ids.
    // The signature covers the body, not the delivery id header: a captured body sent again under
    // a fresh id is caught by the body's own hash (a real push's body names its commits, so two
    // different pushes never share one).
    boolean newId = deliveries.firstTime(delivery.provider() + ":" + delivery.id());
    boolean newBody = deliveries.firstTime(delivery.provider() + ":body:" + Digests.hex(Digests.sha256(body)));
    if (!newId || !newBody) {
      log.warn("refused a replayed {} webhook delivery {} from {}", delivery.provider(), delivery.id(),
          exchange.getRemoteAddress());
      Exchange.json(exchange, 409, Exchange.message(!newId
          ? "delivery " + delivery.id() + " was already received"
          : "this body was already received in another delivery: a replay under a new delivery id"));
      return;
    }
    if (!delivery.push()) {
      Exchange.json(exchange, 200, Exchange.message("not a push event; nothing to do"));
      return;
    }
    if (!loop.syncing()) {
      // A stopped loop is an operator's decision (a freeze); a push must not override it.
      Exchange.json(exchange, 200, Exchange.message("sync is stopped; the push deploys when it is started again"));
      return;
    }
    if (loop.trigger()) {
      log.info("{} push webhook (delivery {}): starting a pass", delivery.provider(), delivery.id());
      Exchange.json(exchange, 202, Exchange.message("Pass triggered"));
    } else {
      Exchange.json(exchange, 503, Exchange.message("shutting down: no new pass starts"));
    }
  }
}
