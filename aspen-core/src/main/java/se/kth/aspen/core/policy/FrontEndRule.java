package se.kth.aspen.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paths a Traefik front-end rule routes, and whether one of them is the site root.
 *
 * <p>Two syntaxes are read. Traefik 1 (the label {@code traefik.frontend.rule}): matchers separated
 * by {@code ;}, each {@code Name:value[,value...]}, e.g. {@code Host:www.kth.se;PathPrefix:/app,/api}.
 * Traefik 2 and later: {@code PathPrefix(`/app`)} calls combined with {@code &&} and {@code ||}.
 * A path matcher is any matcher whose name starts with {@code Path} (any case): {@code Path},
 * {@code PathStrip}, {@code PathPrefix}, {@code PathPrefixStrip}, {@code PathRegexp}...
 *
 * <p>The site root is published when some path matcher has a value that is exactly {@code /} once
 * surrounding spaces and quotes are removed. Nothing else counts: {@code /app} and {@code //} do
 * not, nor does a rule without any path matcher (such as {@code Host:x}), nor a regular
 * expression that happens to match {@code /}.
 */
final class FrontEndRule {

  private static final Pattern V1_MATCHER = Pattern.compile("(?i)\\s*(path\\w*)\\s*:(.*)", Pattern.DOTALL);
  private static final Pattern V2_MATCHER = Pattern.compile("(?i)\\b(path\\w*)\\s*\\(([^)]*)\\)");

  private FrontEndRule() {}

  static List<String> paths(String rule) {
    String text = unquote(rule.strip());
    List<String> paths = new ArrayList<>();
    Matcher v2 = V2_MATCHER.matcher(text);
    boolean anyV2 = false;
    while (v2.find()) {
      anyV2 = true;
      for (String value : v2.group(2).split(",")) {
        paths.add(unquote(value.strip()));
      }
    }
    if (anyV2) {
      return paths;
    }
    for (String matcher : text.split(";")) {
      Matcher v1 = V1_MATCHER.matcher(matcher);
      if (v1.matches()) {
        for (String value : v1.group(2).split(",")) {
          paths.add(unquote(value.strip()));
        }
      }
    }
    return paths;
  }

  static boolean publishesRoot(String rule) {
    return paths(rule).contains("/");
  }

  private static String unquote(String text) {
    String s = text;
    while (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'' || s.charAt(0) == '`')
        && s.charAt(s.length() - 1) == s.charAt(0)) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s;
  }
}
