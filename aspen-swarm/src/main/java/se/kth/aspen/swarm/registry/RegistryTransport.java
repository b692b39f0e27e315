package se.kth.aspen.swarm.registry;

import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;

/**
 * Authenticated requests to registries.
 *
 * <p>A request goes out with the token cached for its registry and scope, else with basic
 * credentials when it is addressed to a registry with a login, else anonymously. A {@code 401}
 * with a bearer challenge gets a token from the named endpoint and the request is sent once
 * more; a {@code 401} or {@code 403} after that is a refusal naming the user (never the
 * password). Tokens are kept per registry and scope until {@link TokenFetcher} says they expire.
 */
final class RegistryTransport {

  private final RegistryHttp http;
  private final TokenFetcher tokenFetcher;
  private final InstantSource clock;
  private final Registries registries;
  private final Map<String, RegistryToken> tokens = new ConcurrentHashMap<>();

  RegistryTransport(RegistryHttp http, InstantSource clock, Registries registries) {
    this.http = http;
    this.tokenFetcher = new TokenFetcher(http, clock);
    this.clock = clock;
    this.registries = registries;
  }

  /** Sends the request and returns any answer other than an authentication failure. */
  RegistryResponse send(
      String attempt, RegistryLocation location, String method, URI uri, List<String> accept, Deadline deadline)
      throws PortException {
    String counterpart = "registry " + location.registryName();
    String tokenKey = uri.getScheme() + "://" + uri.getRawAuthority() + " " + location.pullScope();
    Optional<RegistryLogin> ours = registries.loginForRequest(uri);
    Optional<String> authorization = Optional.ofNullable(tokens.get(tokenKey))
        .filter(token -> token.usableAt(clock.instant()))
        .map(RegistryToken::authorization)
        .or(() -> ours.map(RegistryLogin::basicAuthorization));
    RegistryResponse response = http.send(attempt, counterpart, method, uri, accept, authorization, deadline);
    Optional<String> freshScope = Optional.empty();
    if (response.statusCode() == 401) {
      Optional<BearerChallenge> challenge = challenge(attempt, counterpart, response);
      if (challenge.isPresent()) {
        tokens.remove(tokenKey);
        RegistryToken token = tokenFetcher.fetch(attempt, challenge.get(), location.pullScope(), ours, deadline);
        tokens.put(tokenKey, token);
        freshScope = Optional.of(challenge.get().scope().orElse(location.pullScope()));
        response = http.send(attempt, counterpart, method, uri, accept, Optional.of(token.authorization()), deadline);
      }
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      if (freshScope.isPresent()) {
        tokens.remove(tokenKey);
        // The token server took the credentials, so this is about the repository: Docker Hub
        // answers so for repositories that do not exist as well as for ones the user may not pull.
        throw new RefusedException(attempt + ": " + counterpart + " did not accept the token issued for "
            + freshScope.get() + " (HTTP " + status + "): repository " + location.repository()
            + " does not exist or " + ours.map(c -> "user \"" + c.user() + "\" may not pull it")
                .orElse("needs credentials"));
      }
      throw new RefusedException(attempt + ": " + counterpart + rejection(ours, location, status));
    }
    return response;
  }

  /** Now, on the clock the registries' answers are read by. */
  Instant now() {
    return clock.instant();
  }

  private static String rejection(Optional<RegistryLogin> ours, RegistryLocation location, int status) {
    if (ours.isEmpty()) {
      return " requires credentials and none are configured for it (HTTP " + status + ")";
    }
    String user = "user \"" + ours.get().user() + "\"";
    return status == 403
        ? " denied " + user + " access to repository " + location.repository() + " (HTTP 403)"
        : " rejected the credentials of " + user + " (HTTP 401)";
  }

  private static Optional<BearerChallenge> challenge(String attempt, String counterpart, RegistryResponse response)
      throws RefusedException {
    try {
      return BearerChallenge.find(response.headers().allValues("WWW-Authenticate"));
    } catch (IllegalArgumentException e) {
      throw new RefusedException(attempt + ": " + counterpart + " sent an unusable challenge: " + e.getMessage(), e);
    }
  }
}
