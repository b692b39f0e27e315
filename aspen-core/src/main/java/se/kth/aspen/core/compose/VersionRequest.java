package se.kth.aspen.core.compose;

import java.util.Objects;

/**
 * A service whose image tag is a variable that its {@code environment} gives a version range: {@code image: 127.0.0.1:5000/busybox:${TAG}} with {@code TAG: ~1.2.0}. The pass
 * resolves the range against the registry's tags and passes the winning tag back as the variable.
 *
 * @param service the service key
 * @param variable the variable in the tag ({@code TAG})
 * @param range the variable's value as written, trimmed: normally {@code ~M.m.p}, {@code ^M.m.p} or {@code
 *     M.m.p}, but it may be anything (empty when the variable is listed without a value); see {@code
 *     VersionRange.notAVersion}
 * @param imageTemplate the image as written, before interpolation ({@code 127.0.0.1:5000/busybox:${TAG}})
 * @param line the 1-based line where the range is written
 */
public record VersionRequest(String service, String variable, String range, String imageTemplate, int line) {

  public VersionRequest {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(imageTemplate, "imageTemplate");
  }

  /**
   * The image without its {@code :${VAR}} tag ({@code 127.0.0.1:5000/busybox}); it may still hold
   * other variables, such as {@code ${APPLICATION_NAME}}.
   */
  public String repositoryTemplate() {
    return imageTemplate.substring(0, imageTemplate.lastIndexOf(':'));
  }
}
