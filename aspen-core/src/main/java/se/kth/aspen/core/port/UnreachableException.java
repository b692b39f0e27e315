package se.kth.aspen.core.port;

/**
 * The counterpart could not be asked: connection refused, timed out, a lease held by another
 * runner. Nothing changed; the next pass tries again.
 */
public final class UnreachableException extends PortException {

  public UnreachableException(String message) {
    this(message, null);
  }

  public UnreachableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean couldNotTry() {
    return true;
  }
}
