package se.kth.aspen.runner.page;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * What the table is narrowed to, from the page's query ({@code ?q=&cluster=&status=}), so that
 * the filter works without JavaScript too; empty text means no narrowing.
 *
 * @param text part of the app's name or of its team (the registry directory above it), any case
 * @param cluster the one cluster to show
 * @param status the status a shown cell must have (a row shows when one of its cells has it)
 */
public record PageFilter(String text, String cluster, String status) {

  public static final PageFilter NONE = new PageFilter("", "", "");

  /** Longer filter text than this is cut: nobody types it, and it is echoed into the page. */
  static final int MAX_LENGTH = 200;

  public PageFilter {
    text = cut(Objects.requireNonNull(text, "text"));
    cluster = cut(Objects.requireNonNull(cluster, "cluster"));
    status = cut(Objects.requireNonNull(status, "status")).toUpperCase(Locale.ROOT);
  }

  /** From a raw query string; unknown parameters are ignored, a missing query is no filter. */
  public static PageFilter parse(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return NONE;
    }
    String text = "";
    String cluster = "";
    String status = "";
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      switch (name) {
        case "q" -> text = value;
        case "cluster" -> cluster = value;
        case "status" -> status = value;
        default -> { }
      }
    }
    return new PageFilter(text, cluster, status);
  }

  boolean showsApp(String app, String team) {
    String wanted = text.strip().toLowerCase(Locale.ROOT);
    return wanted.isEmpty() || app.toLowerCase(Locale.ROOT).contains(wanted) || team.toLowerCase(Locale.ROOT).contains(wanted);
  }

  boolean showsCluster(String name) {
    return cluster.isEmpty() || cluster.equals(name);
  }

  boolean showsStatus(String name) {
    return status.isEmpty() || status.equals(name);
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String cut(String value) {
    return value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
  }
}
