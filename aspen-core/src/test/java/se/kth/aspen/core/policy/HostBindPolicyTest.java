package se.kth.aspen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Host paths bound by services: warned about, refused or allowed, and granted only through the allow-list. */
class HostBindPolicyTest {

  @TempDir Path dir;

  /** The compliant stack with {@code volumes} under web (line 24) and, when given, a label on web (line 26). */
  private String stack(String volume, String label) {
    return CompliantStacks.COMPLIANT + "    volumes:\n      - " + volume + "\n"
        + (label == null ? "" : "    labels:\n      " + HostBindPolicy.GRANT_LABEL + ": \"" + label + "\"\n");
  }

  private List<String> violations(PolicySettings settings, String yaml) {
    return Policies.of(settings).check(CompliantStacks.model(dir, yaml), "app").stream().map(Violation::toString).toList();
  }

  private List<String> warnings(PolicySettings settings, String yaml) {
    return Policies.of(settings).warnings(CompliantStacks.model(dir, yaml), "app").stream().map(Violation::toString).toList();
  }

  private static PolicySettings deny(String... allowed) {
    return PolicySettings.DEFAULT.withHostBindMode(HostBindMode.DENY).withHostBindAllowed(List.of(allowed));
  }

  @Test
  void byDefaultEveryAbsoluteBindIsAWarningNamingServicePathAndLine() {
    String yaml = stack("/var/run/docker.sock:/var/run/docker.sock", null);

    assertThat(violations(PolicySettings.DEFAULT, yaml)).isEmpty();
    assertThat(warnings(PolicySettings.DEFAULT, yaml)).containsExactly(
        "HostBindPolicy: service web: binds the host path /var/run/docker.sock (at /var/run/docker.sock), which gives it "
            + "that part of every node's file system; HOST_BIND_POLICY=warn unless HOST_BIND_ALLOW lists it and the "
            + "service's label se.kth.aspen.hostBind names it (line 24)");
  }

  @Test
  void denyRefusesTheWholeHostAndAllowSaysNothing() {
    String yaml = stack("/:/host", null);

    assertThat(violations(deny(), yaml)).singleElement().asString()
        .startsWith("HostBindPolicy: service web: binds the host path / (at /host)").contains("HOST_BIND_POLICY=deny refuses it");
    assertThat(warnings(deny(), yaml)).isEmpty();
    PolicySettings allow = PolicySettings.DEFAULT.withHostBindMode(HostBindMode.ALLOW);
    assertThat(violations(allow, yaml)).isEmpty();
    assertThat(warnings(allow, yaml)).isEmpty();
  }

  @Test
  void aLabelGrantsAPathTheAllowListCovers() {
    assertThat(violations(deny("/var/run/docker.sock"), stack("/var/run/docker.sock:/var/run/docker.sock:ro",
        "/var/run/docker.sock"))).isEmpty();
    assertThat(violations(deny("/var/log"), stack("/var/log/app:/logs", "/var/log/app"))).isEmpty();
    assertThat(warnings(PolicySettings.DEFAULT.withHostBindAllowed(List.of("/var/log")), stack("/var/log/app:/logs",
        "/var/log"))).as("granted: no warning either").isEmpty();
  }

  @Test
  void theAllowListAloneGrantsNothing() {
    // Another stack binding the engine's socket must ask for it too, visibly.
    assertThat(violations(deny("/var/run/docker.sock"), stack("/var/run/docker.sock:/var/run/docker.sock", null)))
        .singleElement().asString().contains("binds the host path /var/run/docker.sock");
  }

  @Test
  void aLabelCannotGrantWhatTheAllowListDoesNotList() {
    assertThat(violations(deny("/var/run/docker.sock"), stack("/:/host", "/"))).containsExactly(
        "HostBindPolicy: service web: label se.kth.aspen.hostBind asks for \"/\", which HOST_BIND_ALLOW does not list "
            + "(it lists /var/run/docker.sock); a label can only grant what it lists (line 26)",
        "HostBindPolicy: service web: binds the host path / (at /host), which gives it that part of every node's file "
            + "system; HOST_BIND_POLICY=deny refuses it unless HOST_BIND_ALLOW lists it and the service's label "
            + "se.kth.aspen.hostBind names it (line 24)");
  }

  @Test
  void aDetourThroughDotDotIsTheNormalisedPath() {
    assertThat(violations(deny("/var/log"), stack("/var/log/../../etc:/etc-of-host", "/var/log")))
        .singleElement().asString().contains("binds the host path /etc (at /etc-of-host)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"./conf:/conf", "data:/data", "/data"})
  void relativeBindsAndVolumesAreNotHostBinds(String volume) {
    String yaml = stack(volume, null) + (volume.startsWith("data:") ? "volumes:\n  data: {}\n" : "");
    assertThat(violations(deny(), yaml)).isEmpty();
  }

  @Test
  void aLocalVolumeThatBindsAHostDeviceIsAHostBind() {
    String yaml = stack("rootfs:/host", null) + """
        volumes:
          rootfs:
            driver: local
            driver_opts:
              type: none
              o: bind
              device: /
        """;

    assertThat(violations(deny(), yaml)).singleElement().asString()
        .startsWith("HostBindPolicy: service web: volume rootfs binds the host path / (at /host)").endsWith("(line 32)");
  }

  @Test
  void theAllowListHoldsAbsolutePathsOnly() {
    assertThatThrownBy(() -> PolicySettings.DEFAULT.withHostBindAllowed(List.of("var/run/docker.sock")))
        .hasMessage("\"var/run/docker.sock\" is not an absolute host path");
    assertThat(PolicySettings.DEFAULT.withHostBindAllowed(List.of("/var/run/", "/var/run")).hostBindAllowed())
        .containsExactly("/var/run");
  }
}
