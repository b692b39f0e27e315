package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortReaderTest {

  @TempDir Path dir;

  static PortSpec port(int target, Integer published, String protocol) {
    return new PortSpec(target, Optional.ofNullable(published), protocol, "ingress", Optional.empty());
  }

  @Test
  void shortFormsGiveOnePortPerNumber() {
    assertThat(PortReader.shortForm("18080:8080")).containsExactly(port(8080, 18080, "tcp"));
    assertThat(PortReader.shortForm("9200")).containsExactly(port(9200, null, "tcp"));
    assertThat(PortReader.shortForm("53/udp")).containsExactly(port(53, null, "udp"));
    assertThat(PortReader.shortForm("18100-18101:9100-9101/udp"))
        .containsExactly(port(9100, 18100, "udp"), port(9101, 18101, "udp"));
    assertThat(PortReader.shortForm("9100-9102")).hasSize(3);
    assertThat(PortReader.shortForm("127.0.0.1:18095:8080"))
        .containsExactly(new PortSpec(8080, Optional.of(18095), "tcp", "ingress", Optional.of("127.0.0.1")));
    assertThat(PortReader.shortForm("127.0.0.1::8080"))
        .containsExactly(new PortSpec(8080, Optional.empty(), "tcp", "ingress", Optional.of("127.0.0.1")));
    assertThat(PortReader.shortForm("[::1]:18095:8080"))
        .containsExactly(new PortSpec(8080, Optional.of(18095), "tcp", "ingress", Optional.of("::1")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "http:80          | has \"http\" where a port number belongs",
      "80:http          | has \"http\" where a port number belongs",
      "8080/icmp        | has an unknown protocol \"icmp\" (tcp, udp or sctp)",
      "70000            | has port 70000, outside 1-65535",
      "0                | has port 0, outside 1-65535",
      "18100-18102:9100-9101 | pairs 3 published ports with 2 target ports",
      "9101-9100        | has a range that ends before it starts: 9101-9100",
      "a:b:c:d          | is not of the form [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]",
  })
  void refusesMalformedShortForms(String text, String message) {
    assertThatThrownBy(() -> PortReader.shortForm(text)).hasMessage(message);
  }

  @Test
  void longFormsAndShortFormsMixInFileOrderAndAHostIpIsAWarning() throws Exception {
    StackModel model = new StackFiles(dir).model(StackFiles.service("""
            ports:
              - 80
              - target: 8080
                published: 18080
                protocol: udp
                mode: host
              - "127.0.0.1:18095:8095"
        """));
    assertThat(model.services().get("web").ports()).containsExactly(
        port(80, null, "tcp"),
        new PortSpec(8080, Optional.of(18080), "udp", "host", Optional.empty()),
        new PortSpec(8095, Optional.of(18095), "tcp", "ingress", Optional.of("127.0.0.1")));
    assertThat(model.warnings()).extracting(StackWarning::toString).containsExactly(
        "service web: ports: host IP 127.0.0.1 in \"127.0.0.1:18095:8095\" is ignored: Swarm publishes on every node's address (line 11)");
  }

  @Test
  void aBadPortNamesTheEntry() {
    assertThatThrownBy(() -> new StackFiles(dir).web("    ports:\n      - \"80:http\"\n"))
        .hasMessage("team/app/active/docker-stack.yml:6: service web: ports entry \"80:http\" has \"http\" where a port number belongs");
  }

  @Test
  void aLongFormNeedsATargetAndAKnownMode() {
    StackFiles files = new StackFiles(dir);
    assertThatThrownBy(() -> files.web("    ports:\n      - published: 80\n"))
        .hasMessage("team/app/active/docker-stack.yml:6: service web: ports.[] needs a target port");
    assertThatThrownBy(() -> files.web("    ports:\n      - {target: 80, mode: bridge}\n"))
        .hasMessage("team/app/active/docker-stack.yml:6: service web: ports.[].mode must be ingress or host, got \"bridge\"");
  }
}
