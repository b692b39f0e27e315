package se.kth.aspen.core.policy;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The policies a team may enforce, by the names written in {@code POLICIES}. Enforced policies
 * always run in this order, whatever order they were listed in, so a stack that breaks several
 * fails in the same step every time.
 */
public enum PolicyName {
  /** Every service says how many tasks it runs. */
  REPLICAS("replicas"),
  /** Every service bounds its logs. */
  LOGGING("logging"),
  /** Every service says how it restarts. */
  RESTART("restart"),
  /** Every service states its resources. */
  RESOURCES("resources"),
  /** No service publishes the site root unless its application is allowed to. */
  FRONT_END_RULE("front-end-rule"),
  /** Host paths a service binds are reported, or refused, unless granted ({@code HOST_BIND_POLICY}). */
  HOST_BIND("host-bind");

  /** The word for "enforce nothing". */
  public static final String NONE = "none";

  private final String text;

  PolicyName(String text) {
    this.text = text;
  }

  /** The name as written in {@code POLICIES} and reported, e.g. {@code front-end-rule}. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  /** Every policy: what Aspen enforces when nothing else is chosen (the set KTH runs). */
  public static Set<PolicyName> all() {
    return Collections.unmodifiableSet(EnumSet.allOf(PolicyName.class));
  }

  /**
   * Reads a choice of policies: names separated by {@code ,} (or {@code ;}), any case, blanks
   * around them ignored; {@code none} alone for no policy at all.
   *
   * @throws IllegalArgumentException naming the word that is not a policy, and the policies
   */
  public static Set<PolicyName> parse(String text) {
    String[] words = Arrays.stream(text.split("[,;]")).map(String::strip).filter(w -> !w.isEmpty()).toArray(String[]::new);
    if (words.length == 0) {
      throw new IllegalArgumentException("names no policy; write " + NONE + " to enforce none (the policies are "
          + known() + ")");
    }
    EnumSet<PolicyName> chosen = EnumSet.noneOf(PolicyName.class);
    boolean none = false;
    for (String word : words) {
      String lower = word.toLowerCase(Locale.ROOT);
      if (lower.equals(NONE)) {
        none = true;
        continue;
      }
      chosen.add(Arrays.stream(values()).filter(p -> p.text.equals(lower)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("\"" + word + "\" is not a policy (the policies are "
              + known() + ", or " + NONE + ")")));
    }
    if (none && !chosen.isEmpty()) {
      throw new IllegalArgumentException(NONE + " cannot be combined with policies (" + describe(chosen) + ")");
    }
    return Collections.unmodifiableSet(chosen);
  }

  /** An unmodifiable copy that iterates in enforcement order. */
  public static Set<PolicyName> ordered(Collection<PolicyName> policies) {
    return policies.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(policies));
  }

  /** The names, comma separated, in enforcement order; {@code none} for an empty set. */
  public static String describe(Set<PolicyName> policies) {
    return policies.isEmpty() ? NONE
        : policies.stream().sorted().map(PolicyName::text).collect(Collectors.joining(", "));
  }

  private static String known() {
    return describe(EnumSet.allOf(PolicyName.class));
  }
}
