package se.kth.aspen.core.port;

/**
 * The counterpart answered, and the answer was no: an unknown repository, rejected
 * credentials, a wrong vault password, a spec the engine refused, a malformed answer.
 * Trying again unchanged will give the same answer.
 */
public final class RefusedException extends PortException {

  public RefusedException(String message) {
    this(message, null);
  }

  public RefusedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean couldNotTry() {
    return false;
  }
}
