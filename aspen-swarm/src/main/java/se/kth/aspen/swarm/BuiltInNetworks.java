package se.kth.aspen.swarm;

import java.util.Set;

/**
 * The networks every engine has on its own ({@code host}, {@code bridge}, {@code none}, and a
 * container's network named {@code container:<id>}), as {@code docker stack deploy} tells them
 * from the user-defined ones: it neither looks them up when they are declared external nor gives
 * a service its name as an alias on them.
 */
final class BuiltInNetworks {

  private static final Set<String> NAMES = Set.of("default", "host", "bridge", "none");

  private BuiltInNetworks() {}

  /** True for a network a user (or a stack) made; false for the engine's own. */
  static boolean isUserDefined(String name) {
    return !NAMES.contains(name) && !name.startsWith("container:");
  }
}
