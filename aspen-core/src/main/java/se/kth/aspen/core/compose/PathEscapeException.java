package se.kth.aspen.core.compose;

/** A path written in a stack file that is absolute or leads out of the directory it must stay in. */
public final class PathEscapeException extends Exception {

  private static final long serialVersionUID = 1L;

  public PathEscapeException(String message) {
    super(message);
  }
}
