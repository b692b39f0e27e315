package se.kth.aspen.core.compose;

/**
 * Something in a stack file worth telling its authors that does not stop the deploy, such as a
 * key Swarm ignores.
 *
 * @param line 1-based line in the stack file, 0 when not known
 * @param service the service it concerns, empty for top-level keys
 */
public record StackWarning(int line, String service, String message) {

  @Override
  public String toString() {
    return (service.isEmpty() ? "" : "service " + service + ": ") + message + (line > 0 ? " (line " + line + ")" : "");
  }
}
