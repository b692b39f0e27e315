package se.kth.aspen.core.port;

/**
 * A port call that did not give its answer. The message says what was attempted and why it
 * failed (for example {@code "listing tags of 127.0.0.1:5000/busybox: credentials rejected
 * (HTTP 401)"}); it never holds a secret.
 */
public abstract sealed class PortException extends Exception
    permits UnreachableException, RefusedException {

  protected PortException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * True when the counterpart could not be asked at all, so nothing changed anywhere and the
   * same call may succeed on the next pass.
   */
  public abstract boolean couldNotTry();
}
