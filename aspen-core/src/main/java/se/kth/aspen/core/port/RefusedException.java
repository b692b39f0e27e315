package se.kth.aspen.core.port;

import java.util.List;

/**
 * The counterpart answered, and the answer was no: an unknown repository, rejected
 * credentials, a wrong vault password, a spec the engine refused, a malformed answer.
 * Trying again unchanged will give the same answer.
 */
public final class RefusedException extends PortException {

  private static final long serialVersionUID = 1L;

  private final List<String> updated;

  public RefusedException(String message) {
    this(message, null);
  }

  public RefusedException(String message, Throwable cause) {
    this(message, cause, List.of());
  }

  /**
   * @param updated the services of a stack that a deploy failing half-way had already updated
   *     (see {@link #updated()})
   */
  public RefusedException(String message, Throwable cause, List<String> updated) {
    super(message, cause);
    this.updated = List.copyOf(updated);
  }

  /**
   * The services of the stack that the failed {@link Orchestrator#deploy} had already updated
   * (for example before a service they are ordered after failed), which a whole-stack rollback
   * puts back; empty for any other call.
   */
  public List<String> updated() {
    return updated;
  }

  @Override
  public boolean couldNotTry() {
    return false;
  }
}
