package se.kth.aspen.swarm.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;

/**
 * The token endpoint a bearer challenge names: {@code GET realm?service=...&scope=...}, with the
 * login of the registry that sent the challenge, anonymous when it has none.
 *
 * <p>How long a token is used: {@code expires_in} seconds (60 when absent, as the token spec
 * says), counted on our clock from the moment the request was sent, so clock skew cannot make a
 * token live longer than the issuer meant. A token server may hand out a token it issued
 * earlier; when the answer has both {@code issued_at} and a {@code Date} header (both on the
 * issuer's clock), the token's age is taken off. A tenth of the lifetime, at most 30 s, is kept
 * as a margin for the time the registry call itself takes.
 */
final class TokenFetcher {

  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
  private static final Duration MAX_MARGIN = Duration.ofSeconds(30);

  private final RegistryHttp http;
  private final InstantSource clock;

  TokenFetcher(RegistryHttp http, InstantSource clock) {
    this.http = http;
    this.clock = clock;
  }

  RegistryToken fetch(
      String attempt,
      BearerChallenge challenge,
      String fallbackScope,
      Optional<RegistryLogin> credentials,
      Deadline deadline)
      throws PortException {
    String scope = challenge.scope().orElse(fallbackScope);
    URI uri = tokenUri(challenge, scope);
    String counterpart = "token endpoint " + challenge.realm();
    Instant sentAt = clock.instant();
    RegistryResponse response = http.send(
        attempt, counterpart, "GET", uri, List.of("application/json"),
        credentials.map(RegistryLogin::basicAuthorization), deadline);
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new RefusedException(attempt + ": " + counterpart
          + credentials.map(c -> " rejected the credentials of user \"" + c.user() + "\"")
              .orElse(" refused anonymous access")
          + " for scope " + scope + " (HTTP " + status + ")");
    }
    if (status != 200) {
      throw RegistryAnswer.unexpected(attempt + " (asking " + counterpart + ")", challenge.realm().getRawAuthority(), response,
          clock.instant());
    }
    return token(attempt, counterpart, response, sentAt);
  }

  private RegistryToken token(String attempt, String counterpart, RegistryResponse response, Instant sentAt)
      throws RefusedException {
    JsonNode body;
    try {
      body = RegistryAnswer.JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new RefusedException(attempt + ": " + counterpart + " answered with malformed JSON", e);
    }
    String value = text(body, "token").or(() -> text(body, "access_token")).orElseThrow(
        () -> new RefusedException(attempt + ": " + counterpart + " answered without a token"));
    Duration lifetime = body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0
        ? Duration.ofSeconds(body.path("expires_in").asLong())
        : DEFAULT_LIFETIME;
    Duration age = age(text(body, "issued_at"), response.headers().firstValue("Date"));
    Duration margin = lifetime.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? lifetime.dividedBy(10) : MAX_MARGIN;
    return new RegistryToken(value, sentAt.plus(lifetime).minus(age).minus(margin));
  }

  private static Duration age(Optional<String> issuedAt, Optional<String> date) {
    if (issuedAt.isEmpty() || date.isEmpty()) {
      return Duration.ZERO;
    }
    try {
      Instant issued = OffsetDateTime.parse(issuedAt.get()).toInstant();
      Instant answered = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration age = Duration.between(issued, answered);
      return age.isNegative() ? Duration.ZERO : age;
    } catch (DateTimeParseException e) {
      return Duration.ZERO;
    }
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode node = body.path(field);
    return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
  }

  private static URI tokenUri(BearerChallenge challenge, String scope) {
    StringBuilder query = new StringBuilder();
    challenge.service().ifPresent(service -> query.append("service=").append(encode(service)).append('&'));
    query.append("scope=").append(encode(scope));
    String realm = challenge.realm().toString();
    return URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
