package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one reader of the labels teams set for Aspen and its notices on a service ({@code
 * se.kth.aspen.drift}, {@code se.kth.aspen.rollbackOnFailure}, {@code se.kth.aspen.dependsOn},
 * {@code se.kth.slackChannels}...).
 *
 * <ul>
 *   <li>A label is looked up in the service's {@code labels} first, then in its {@code
 *       deploy.labels}: teams put them in either.
 *   <li>A value is stripped of surrounding blanks and then of one pair of matching quotes ({@code "}
 *       or {@code '}): YAML keeps them when a value is quoted twice ({@code '"report"'}) or
 *       written in the list form ({@code - se.kth.aspen.drift="report"}).
 *   <li>A list ({@code a, b}) is split on its separators after the whole value is unquoted, unless
 *       quotes remain inside it ({@code "a", "b"}); then each item is stripped and unquoted, and
 *       empty items are dropped.
 * </ul>
 */
public final class ServiceLabels {

  private ServiceLabels() {}

  /** The label's value, unquoted; empty when the service has no such label. */
  public static Optional<String> value(ServiceSpec service, String name) {
    String value = service.labels().get(name);
    if (value == null) {
      value = service.deployLabels().get(name);
    }
    return Optional.ofNullable(value).map(ServiceLabels::unquote);
  }

  /** The text stripped of blanks and of one pair of matching surrounding quotes. */
  public static String unquote(String text) {
    String v = text.strip();
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  /**
   * The items of a list label, in the order written.
   *
   * @param separators the characters that separate items, e.g. {@code ","}
   */
  public static List<String> list(String text, String separators) {
    String whole = unquote(text);
    String inside = whole.contains("\"") || whole.contains("'") ? text : whole;
    List<String> items = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= inside.length(); i++) {
      if (i == inside.length() || separators.indexOf(inside.charAt(i)) >= 0) {
        String value = unquote(inside.substring(start, i)).strip();
        if (!value.isEmpty()) {
          items.add(value);
        }
        start = i + 1;
      }
    }
    return List.copyOf(items);
  }
}
