package se.kth.aspen.swarm;

import java.util.Optional;

/** How the CLI names a stack's objects and marks them as the stack's. */
final class StackNames {

  static final String NAMESPACE_LABEL = "com.docker.stack.namespace";
  static final String IMAGE_LABEL = "com.docker.stack.image";

  private final String stack;

  StackNames(String stack) {
    this.stack = stack;
  }

  String stack() {
    return stack;
  }

  /** {@code <stack>_<key>}. */
  String scoped(String key) {
    return stack + "_" + key;
  }

  /** A top-level object's name: {@code name:} verbatim, the key itself when external, else scoped. */
  String object(String key, Optional<String> name, boolean external) {
    if (name.isPresent()) {
      return name.get();
    }
    return external ? key : scoped(key);
  }

  /** The service key of a Swarm service name of this stack, or empty when it is not one. */
  Optional<String> serviceKey(String serviceName) {
    String prefix = stack + "_";
    return serviceName.startsWith(prefix) ? Optional.of(serviceName.substring(prefix.length())) : Optional.empty();
  }

  /** The filter selecting everything labelled as this stack's, URL-encoded for a query string. */
  String labelFilter() {
    return new LabelFilter().is(NAMESPACE_LABEL, stack).encoded();
  }
}
