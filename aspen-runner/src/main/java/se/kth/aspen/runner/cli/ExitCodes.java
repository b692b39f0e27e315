package se.kth.aspen.runner.cli;

/** The exit codes, as aspen-runner/README.md lists them. */
final class ExitCodes {

  /** Done, nothing failed. */
  static final int OK = 0;
  /** An app failed (or is blocked), a stack is invalid, a vault does not open. */
  static final int FAILED = 1;
  /** Bad configuration or usage. */
  static final int USAGE = 2;

  private ExitCodes() {}
}
