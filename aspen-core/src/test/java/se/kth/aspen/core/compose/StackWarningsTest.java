package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StackWarningsTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"build: .", "cgroup_parent: x", "devices: [/dev/fuse]", "domainname: kth.se",
      "external_links: [x]", "ipc: host", "links: [db]", "mac_address: 02:42:ac:11:65:43", "network_mode: host",
      "pid: host", "privileged: true", "security_opt: [label=disable]", "shm_size: 64M", "userns_mode: host",
      "cgroupns_mode: host"})
  void keysSwarmDoesNotSupportAreWarnedAboutAndDropped(String line) throws Exception {
    StackModel model = new StackFiles(dir).model(StackFiles.service("    " + line + "\n"));
    String key = line.substring(0, line.indexOf(':'));
    assertThat(model.warnings()).containsExactly(
        new StackWarning(5, "web", key + " is not supported by Swarm and is ignored"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"container_name: web", "expose: [80]"})
  void deprecatedKeysAreWarnedAbout(String line) throws Exception {
    StackModel model = new StackFiles(dir).model(StackFiles.service("    " + line + "\n"));
    assertThat(model.warnings()).extracting(StackWarning::message)
        .containsExactly(line.substring(0, line.indexOf(':')) + " is deprecated and ignored by Swarm");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tmpfs: /run", "x-team: web", "credential_spec: {file: x}"})
  void keysTheCliDropsSilentlyGiveNoWarning(String line) throws Exception {
    assertThat(new StackFiles(dir).model(StackFiles.service("    " + line + "\n")).warnings()).isEmpty();
  }

  @Test
  void restartIsKeptForWhenThereIsNoRestartPolicyAndWarnedAbout() throws Exception {
    StackModel model = new StackFiles(dir).model(StackFiles.service("    restart: on-failure:3\n"));
    assertThat(model.services().get("web").restart()).contains("on-failure:3");
    assertThat(model.warnings()).containsExactly(new StackWarning(5, "web",
        "restart is not a Swarm option; it only stands in for deploy.restart_policy when that is absent"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"extends: {service: x}", "volume_driver: nfs", "volumes_from: [x]", "cpu_quota: 5000",
      "cpu_shares: 5", "cpuset: 0-1", "mem_limit: 1g", "memswap_limit: 1g"})
  void keysTheCliRefusesAreErrors(String line) {
    assertThatThrownBy(() -> new StackFiles(dir).model(StackFiles.service("    " + line + "\n")))
        .isInstanceOf(StackFileException.class)
        .hasMessageStartingWith(StackFiles.FILE + ":5: service web: the stack file contains options docker stack deploy refuses: "
            + line.substring(0, line.indexOf(':')) + ": ");
  }

  @Test
  void unknownTopLevelKeysAndOldVersionsAreErrors() {
    StackFiles files = new StackFiles(dir);
    assertThatThrownBy(() -> files.model("services: {web: {image: \"a:1\"}}\nservice: {}\n"))
        .hasMessage(StackFiles.FILE + ":2: unknown top-level key \"service\" (allowed: version, services, networks, volumes, secrets, configs and x-...)");
    assertThatThrownBy(() -> files.model("version: \"2\"\nservices: {web: {image: \"a:1\"}}\n"))
        .hasMessage(StackFiles.FILE + ":1: version \"2\" is not supported: docker stack deploy reads Compose file format 3");
    assertThatThrownBy(() -> files.model("version: \"3\"\n"))
        .hasMessage(StackFiles.FILE + ":1: there is no services key: a stack needs at least one service");
    assertThatThrownBy(() -> files.model("services: {}\n"))
        .hasMessage(StackFiles.FILE + ":1: services is empty: a stack needs at least one service");
    assertThatThrownBy(() -> files.model("services:\n  web:\n"))
        .hasMessage(StackFiles.FILE + ":2: service web: image is missing");
    assertThatThrownBy(() -> files.model("services:\n  \"we b\": {image: \"a:1\"}\n"))
        .hasMessage(StackFiles.FILE + ":2: service name \"we b\" may only hold letters, digits, '.', '_' and '-', "
            + "and must start with a letter or digit");
  }
}
