package se.kth.aspen.core.port;

import java.util.Objects;

/**
 * One way a running service differs from the spec Aspen recorded when it deployed it.
 *
 * @param service the service key without the stack prefix
 * @param field what differs, as ignore rules name it: {@code image}, {@code replicas}, {@code
 *     env.DEBUG}, {@code labels.traefik.port}, {@code mounts}..., {@code service} when the whole
 *     service was removed or added by hand, {@code deploy} when it runs another deploy's spec
 * @param text what a person reads: {@code env +DEBUG}, {@code replicas 2→0}; never a value that
 *     may be secret (environment values are compared by digest and only named)
 */
public record SpecDifference(String service, String field, String text) {

  public SpecDifference {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String toString() {
    return service + ": " + text;
  }
}
