package se.kth.aspen.core.compose;

/**
 * Something in a stack file worth telling its authors that does not stop the deploy, such as a
 * key Swarm ignores.
 *
 * @param line 1-based line in the stack file, 0 when not known
 * @param service the service it concerns, empty for top-level keys
 */
public record StackWarning(int line, String service, String message) {

  /**
   * As the pass reports it, naming the file the way a read error does:
   * {@code apps/web/active/docker-stack.yml:12: service web: ...}.
   */
  public String in(String file) {
    return file + (line > 0 ? ":" + line : "") + ": " + (service.isEmpty() ? "" : "service " + service + ": ") + message;
  }

  @Override
  public String toString() {
    return (service.isEmpty() ? "" : "service " + service + ": ") + message + (line > 0 ? " (line " + line + ")" : "");
  }
}
