package se.kth.aspen.runner.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import se.kth.aspen.core.port.Secret;

/**
 * Authenticates a git push webhook from GitHub ({@code X-Hub-Signature-256: sha256=<hmac>}),
 * Gitea ({@code X-Gitea-Signature: <hmac>}) or GitLab ({@code X-Gitlab-Token: <secret>}). Every
 * comparison takes constant time.
 */
final class PushWebhook {

  /** Where a delivery came from and what it says. */
  record Delivery(String provider, String id, boolean push) {}

  /** Why a delivery was refused, as an HTTP status and a message that names no secret. */
  static final class Refusal extends Exception {
    private final int status;

    Refusal(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private final Secret secret;

  PushWebhook(Secret secret) {
    this.secret = secret;
  }

  /**
   * Checks the delivery's signature or token.
   *
   * @param header reads a request header by name, case-insensitively; null when absent
   * @throws Refusal 401 when no known signature header is present or it does not match
   */
  Delivery authenticate(Function<String, String> header, byte[] body) throws Refusal {
    String gitea = header.apply("X-Gitea-Signature");
    String github = header.apply("X-Hub-Signature-256");
    String gitlab = header.apply("X-Gitlab-Token");
    if (gitea != null) {
      requireHmac(gitea, body, "Gitea");
      return new Delivery("gitea", id(header.apply("X-Gitea-Delivery"), body),
          "push".equalsIgnoreCase(header.apply("X-Gitea-Event")));
    }
    if (github != null) {
      if (!github.regionMatches(true, 0, "sha256=", 0, 7)) {
        throw new Refusal(401, "X-Hub-Signature-256 is not sha256=<hex>");
      }
      requireHmac(github.substring(7), body, "GitHub");
      return new Delivery("github", id(header.apply("X-GitHub-Delivery"), body),
          "push".equalsIgnoreCase(header.apply("X-GitHub-Event")));
    }
    if (gitlab != null) {
      byte[] given = gitlab.getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(Digests.sha256(given), Digests.sha256(secret.bytes()))) {
        throw new Refusal(401, "the GitLab token does not match WEBHOOK_SECRET");
      }
      String uuid = Optional.ofNullable(header.apply("X-Gitlab-Event-UUID"))
          .orElse(header.apply("Idempotency-Key"));
      String event = header.apply("X-Gitlab-Event");
      return new Delivery("gitlab", id(uuid, body), event != null && event.toLowerCase(Locale.ROOT).startsWith("push"));
    }
    throw new Refusal(401, "no webhook signature: expected X-Hub-Signature-256 (GitHub), X-Gitea-Signature (Gitea) or X-Gitlab-Token (GitLab)");
  }

  private void requireHmac(String hexSignature, byte[] body, String provider) throws Refusal {
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hexSignature.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Refusal(401, "the " + provider + " signature is not hexadecimal");
    }
    byte[] expected = Digests.hmacSha256(secret.bytes(), body);
    if (!MessageDigest.isEqual(given, expected)) {
      throw new Refusal(401, "the " + provider + " signature does not match the body and WEBHOOK_SECRET");
    }
  }

  /** The provider's delivery id; without one, the body's hash stands in, so an exact replay is still caught. */
  private static String id(String deliveryId, byte[] body) {
    return deliveryId != null && !deliveryId.isBlank() ? deliveryId.strip() : "sha256:" + Digests.hex(Digests.sha256(body));
  }
}
