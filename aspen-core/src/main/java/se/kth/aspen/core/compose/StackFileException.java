package se.kth.aspen.core.compose;

import java.util.Objects;
import java.util.Optional;

/**
 * A stack file that cannot be read, parsed or understood. The message always starts with the
 * file as shown to users and, where known, the line and the service:
 * {@code team/app/active/docker-stack.yml:14: service web: deploy.replicas must be a number, got "two"}.
 */
public final class StackFileException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String service;
  private final String detail;

  /**
   * @param file the stack file's path as shown to users
   * @param line the 1-based line, 0 when not known
   * @param service the service concerned, empty when none
   * @param detail what is wrong, without the file, line or service
   */
  public StackFileException(String file, int line, String service, String detail) {
    super(format(file, line, service, detail));
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.service = Objects.requireNonNull(service, "service");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  StackFileException(String file, int line, String service, String detail, Throwable cause) {
    this(file, line, service, detail);
    initCause(cause);
  }

  private static String format(String file, int line, String service, String detail) {
    return file + (line > 0 ? ":" + line : "") + ": " + (service.isEmpty() ? "" : "service " + service + ": ") + detail;
  }

  /** The stack file's path as shown to users. */
  public String file() {
    return file;
  }

  /** The 1-based line, 0 when not known. */
  public int line() {
    return line;
  }

  /** The service concerned, if any. */
  public Optional<String> service() {
    return service.isEmpty() ? Optional.empty() : Optional.of(service);
  }

  /** What is wrong, without the file, line or service. */
  public String detail() {
    return detail;
  }
}
