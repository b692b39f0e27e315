package se.kth.aspen.core.port;

import java.util.List;

/**
 * The counterpart answered, and the answer was no: an unknown repository, rejected
 * credentials, a wrong vault password, a spec the engine refused, a malformed answer.
 * Trying again unchanged will give the same answer.
 */
public final class RefusedException extends PortException {

  private static final long serialVersionUID = 1L;

  private final List<String> created;
  private final List<String> updated;

  public RefusedException(String message) {
    this(message, null);
  }

  public RefusedException(String message, Throwable cause) {
    this(message, cause, List.of(), List.of());
  }

  /**
   * @param created the services of a stack that a deploy failing half-way had already created
   *     (see {@link #created()})
   * @param updated the services it had already updated (see {@link #updated()})
   */
  public RefusedException(String message, Throwable cause, List<String> created, List<String> updated) {
    super(message, cause);
    this.created = List.copyOf(created);
    this.updated = List.copyOf(updated);
  }

  /**
   * The services of the stack that the failed {@link Orchestrator#deploy} had already created
   * (for example before a service ordered after them failed): they run now, though the deploy
   * failed, and have no earlier spec a rollback could put back; empty for any other call.
   */
  public List<String> created() {
    return created;
  }

  /**
   * The services of the stack that the failed {@link Orchestrator#deploy} had already updated,
   * which a whole-stack rollback puts back; empty for any other call.
   */
  public List<String> updated() {
    return updated;
  }

  @Override
  public boolean couldNotTry() {
    return false;
  }
}
