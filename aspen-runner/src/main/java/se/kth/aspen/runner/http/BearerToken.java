package se.kth.aspen.runner.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import se.kth.aspen.core.port.Secret;

/** Checks {@code Authorization: Bearer <token>} against the configured token in constant time. */
final class BearerToken {

  private static final String PREFIX = "Bearer ";

  private final Optional<Secret> token;

  BearerToken(Optional<Secret> token) {
    this.token = token;
  }

  boolean required() {
    return token.isPresent();
  }

  /** True when no token is configured, or the header carries exactly it. */
  boolean admits(String authorizationHeader) {
    if (token.isEmpty()) {
      return true;
    }
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] given = authorizationHeader.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
    // MessageDigest.isEqual takes the same time for every mismatch of the same length; comparing
    // digests hides the length as well.
    return MessageDigest.isEqual(Digests.sha256(given), Digests.sha256(token.get().bytes()));
  }
}
