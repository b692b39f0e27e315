package se.kth.aspen.core.compose;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Compose variable substitution in one value, as docker/cli's {@code template} package does it:
 * {@code $$}, {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}} (unset or empty),
 * {@code ${NAME-default}} (unset), {@code ${NAME:?message}} (unset or empty is an error),
 * {@code ${NAME?message}} (unset is an error). Unset variables become empty; {@code $NAME} and
 * {@code ${NAME}} of an unset variable are reported to the caller, which warns as the CLI does.
 * There is no nesting: a default runs to the first {@code }}, so {@code ${A:-${B}}} gives the
 * literal {@code ${B}} when A is unset. Any other {@code $} is an invalid format.
 */
final class Interpolation {

  private Interpolation() {}

  /** Why a value cannot be interpolated, in the CLI's words (without the path). */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String quoted) {
      super(quoted, null, false, false);
    }
  }

  static String apply(String value, Map<String, String> variables) throws Invalid {
    return apply(value, variables, name -> { });
  }

  /**
   * @param unset told the name of each variable used without a default that is not set
   */
  static String apply(String value, Map<String, String> variables, Consumer<String> unset) throws Invalid {
    int dollar = value.indexOf('$');
    if (dollar < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    int i = 0;
    while (dollar >= 0) {
      out.append(value, i, dollar);
      int next = dollar + 1;
      if (next < value.length() && value.charAt(next) == '$') {
        out.append('$');
        i = next + 1;
      } else if (next < value.length() && value.charAt(next) == '{') {
        int close = value.indexOf('}', next + 1);
        if (close < 0) {
          throw invalid(value);
        }
        out.append(braced(value.substring(next + 1, close), value, variables, unset));
        i = close + 1;
      } else {
        int end = nameEnd(value, next);
        if (end == next) {
          throw invalid(value);
        }
        String name = value.substring(next, end);
        String current = variables.get(name);
        if (current == null) {
          unset.accept(name);
        }
        out.append(current == null ? "" : current);
        i = end;
      }
      dollar = value.indexOf('$', i);
    }
    out.append(value, i, value.length());
    return out.toString();
  }

  private static String braced(String inside, String value, Map<String, String> variables, Consumer<String> unset)
      throws Invalid {
    int end = nameEnd(inside, 0);
    if (end == 0) {
      throw invalid(value);
    }
    String name = inside.substring(0, end);
    String rest = inside.substring(end);
    String current = variables.get(name);
    if (rest.isEmpty()) {
      if (current == null) {
        unset.accept(name);
      }
      return current == null ? "" : current;
    }
    boolean colon = rest.charAt(0) == ':';
    String operation = colon ? rest.substring(1) : rest;
    if (operation.isEmpty() || (operation.charAt(0) != '-' && operation.charAt(0) != '?')) {
      throw invalid(value);
    }
    String argument = operation.substring(1);
    boolean missing = current == null || (colon && current.isEmpty());
    if (operation.charAt(0) == '-') {
      return missing ? argument : current;
    }
    if (missing) {
      throw new Invalid("\"required variable " + name + " is missing a value: " + argument + "\"");
    }
    return current;
  }

  private static int nameEnd(String text, int start) {
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      boolean digit = c >= '0' && c <= '9';
      if (!(letter || (digit && i > start))) {
        break;
      }
      i++;
    }
    return i;
  }

  private static Invalid invalid(String value) {
    return new Invalid("\"" + value + "\"");
  }

  /** The CLI's full message for a value at {@code path} (e.g. {@code services.a.image}). */
  static String message(String path, Invalid e) {
    return "invalid interpolation format for " + path + ": " + e.getMessage()
        + "; you may need to escape any $ with another $";
  }
}
