package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The engine's naming rules, checked when a stack is read rather than discovered at deploy time.
 * The application directory's name is the stack's name, and Swarm names every service
 * {@code <stack>_<service>} and every network the stack creates {@code <stack>_<network>}; the
 * engine refuses such a name unless it is a DNS name component of at most 63 characters: letters
 * and digits, with {@code -} or {@code _} only between them ({@code name must be valid as a DNS
 * name component}). A stack named {@code my.app}, or a service {@code web.1}, would pass every
 * check, show as changed, then fail at the engine on every pass.
 *
 * <p>The cluster directory's name goes into every service's labels and into
 * {@code PORTILLO_CLUSTER}; it must follow the engine's rule for object names (letters, digits,
 * {@code .}, {@code _}, {@code -}, starting with a letter or digit), so that it can be written
 * in a stack file's names as well.
 */
public final class StackNames {

  /** The engine's rule for service and network names. */
  private static final Pattern ENGINE_NAME = Pattern.compile("[a-zA-Z0-9](?:[-_]*[a-zA-Z0-9]+)*");
  private static final int MAX_ENGINE_NAME = 63;
  /** A stack name whose {@code <stack>_<name>} can pass {@link #ENGINE_NAME}. */
  private static final Pattern STACK = Pattern.compile("[a-zA-Z0-9][-_a-zA-Z0-9]*");
  /** The engine's rule for other object names (containers, volumes). */
  private static final Pattern OBJECT = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  private StackNames() {}

  /** Why the application directory's name cannot be a stack name; empty when it can. */
  public static Optional<String> applicationProblem(String application) {
    if (!STACK.matcher(application).matches()) {
      return Optional.of("application directory \"" + application + "\" is not a valid stack name: the engine names "
          + "services <stack>_<service>, which may hold only letters, digits, '-' and '_', starting with a letter or digit");
    }
    if (application.length() > MAX_ENGINE_NAME - 2) {
      return Optional.of("application directory \"" + application + "\" is not a valid stack name: " + application.length()
          + " characters; the engine's names <stack>_<service> may have at most " + MAX_ENGINE_NAME);
    }
    return Optional.empty();
  }

  /** Why the cluster directory's name is refused; empty when it is fine. */
  public static Optional<String> clusterProblem(String cluster) {
    return OBJECT.matcher(cluster).matches() ? Optional.empty()
        : Optional.of("cluster directory \"" + cluster + "\" is not a valid cluster name: only letters, digits, '.', '_' "
            + "and '-', starting with a letter or digit");
  }

  /**
   * Why the engine would refuse a service or network name the stack makes, one message per name
   * naming the file, line and service; empty when it would take them all. Assumes a valid
   * {@linkplain #applicationProblem application name}.
   */
  public static List<String> problems(StackModel stack, String application) {
    List<String> out = new ArrayList<>();
    boolean defaultNetwork = false;
    for (ServiceSpec service : stack.services().values()) {
      engineName(application + "_" + service.name()).ifPresent(why -> out.add(stack.file() + ":" + service.line()
          + ": service " + service.name() + ": the engine would refuse its name " + application + "_" + service.name()
          + ": " + why));
      defaultNetwork |= service.networks().isEmpty();
    }
    for (Map.Entry<String, NetworkSpec> network : stack.networks().entrySet()) {
      if (network.getValue().external()) {
        continue;
      }
      String name = network.getValue().name().orElse(application + "_" + network.getKey());
      int line = stack.line("networks." + network.getKey());
      engineName(name).ifPresent(why -> out.add(stack.file() + (line > 0 ? ":" + line : "") + ": network "
          + network.getKey() + ": the engine would refuse its name " + name + ": " + why));
    }
    if (defaultNetwork && !stack.networks().containsKey("default")) {
      engineName(application + "_default").ifPresent(why -> out.add(stack.file() + ": the engine would refuse the name of "
          + "the stack's default network " + application + "_default: " + why));
    }
    return out;
  }

  private static Optional<String> engineName(String name) {
    if (!ENGINE_NAME.matcher(name).matches()) {
      return Optional.of("a name may hold only letters, digits, '-' and '_', and must start and end with a letter or digit");
    }
    if (name.length() > MAX_ENGINE_NAME) {
      return Optional.of(name.length() + " characters, the engine takes at most " + MAX_ENGINE_NAME);
    }
    return Optional.empty();
  }
}
