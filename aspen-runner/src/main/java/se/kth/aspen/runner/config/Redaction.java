package se.kth.aspen.runner.config;

import java.util.regex.Pattern;

/** Hides credentials that may hide inside otherwise harmless values. */
final class Redaction {

  // scheme://user:password@host -> scheme://***@host; a git@host:path form has no secret.
  private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

  private Redaction() {}

  static String url(String url) {
    return USER_INFO.matcher(url).replaceFirst("$1***@");
  }
}
