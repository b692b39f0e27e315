package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.kth.aspen.core.compose.NetworkAttachment;
import se.kth.aspen.core.compose.ResourcesSpec;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.VolumeMount;

class ServiceSpecJsonTest {

  private static ObjectNode convert(ServiceSpec service) throws UnsupportedSpecException {
    var model = Stacks.model(service);
    ServiceInputs inputs = new ServiceInputs("127.0.0.1:5000/busybox:1.0.0_abc", SpecValues.NODES.arrayNode(), List.of(),
        List.of(), List.of(), Set.of(), 0, Map.of("default", "st_default"), Map.of(), Map.of());
    return new ServiceSpecJson(model, new StackNames("st")).of(service, inputs);
  }

  private static ServiceSpec with(Consumer<ServiceBuilder> change) {
    ServiceBuilder builder = new ServiceBuilder("web", "127.0.0.1:5000/busybox:1.0.0_abc");
    change.accept(builder);
    return builder.build();
  }

  static Stream<Arguments> unsupported() {
    return Stream.of(
        Arguments.of(with(b -> b.deploy = Optional.of(withReplicasAndGlobal())), "service web: replicas can only be used with replicated mode"),
        Arguments.of(with(b -> b.volumes.add(new VolumeMount("npipe", Optional.of("\\\\.\\pipe\\x"), "/p", false, Map.of()))),
            "service web: volume type \"npipe\" (/p) is not supported by Swarm"),
        Arguments.of(with(b -> b.volumes.add(new VolumeMount("bind", Optional.of("/tmp"), "/t", false, Map.of("create_host_path", "true")))),
            "service web: volume option \"create_host_path\" of /t is not supported for a bind mount"),
        Arguments.of(with(b -> b.deploy = Optional.of(withPidsReservation())),
            "service web: deploy.resources.reservations.pids is not supported by Swarm"),
        Arguments.of(with(b -> b.restart = Optional.of("sometimes")),
            "service web: restart \"sometimes\" is not no, always, unless-stopped or on-failure[:N]"),
        Arguments.of(with(b -> b.extraHosts.add("nohost")), "service web: extra_hosts entry \"nohost\" is not host:ip"));
  }

  private static se.kth.aspen.core.compose.DeploySpec withReplicasAndGlobal() {
    DeployBuilder deploy = DeployBuilder.global();
    deploy.replicas = Optional.of(2);
    return deploy.build();
  }

  private static se.kth.aspen.core.compose.DeploySpec withPidsReservation() {
    DeployBuilder deploy = DeployBuilder.replicas(1);
    deploy.resources = Optional.of(new ResourcesSpec(Optional.empty(),
        Optional.of(new ResourcesSpec.ResourceValues(Optional.empty(), Optional.empty(), Optional.of(10L)))));
    return deploy.build();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("unsupported")
  void whatSwarmCannotExpressIsRefusedNeverDropped(ServiceSpec service, String message) {
    assertThatThrownBy(() -> convert(service)).isInstanceOf(UnsupportedSpecException.class).hasMessage(message);
  }

  @Test
  void theRestartKeyStandsInForAMissingRestartPolicy() throws Exception {
    assertThat(convert(with(b -> b.restart = Optional.of("on-failure:3"))).path("TaskTemplate").path("RestartPolicy").toString())
        .isEqualTo("{\"Condition\":\"on-failure\",\"MaxAttempts\":3}");
    assertThat(convert(with(b -> b.restart = Optional.of("unless-stopped"))).path("TaskTemplate").path("RestartPolicy").toString())
        .isEqualTo("{\"Condition\":\"any\"}");
    assertThat(convert(with(b -> b.restart = Optional.of("no"))).path("TaskTemplate").has("RestartPolicy")).isFalse();
  }

  @Test
  void aServiceWithoutNetworksJoinsTheDefaultNetworkWithItsKeyAsAlias() throws Exception {
    assertThat(convert(with(b -> { })).path("TaskTemplate").path("Networks").toString())
        .isEqualTo("[{\"Target\":\"st_default\",\"Aliases\":[\"web\"]}]");
  }

  @Test
  void theServiceKeyIsAnAliasOnlyOnUserDefinedNetworksAsTheCliGivesIt() throws Exception {
    ServiceSpec service = with(b -> {
      b.networks.add(new NetworkAttachment("hostnet", List.of()));
      b.networks.add(new NetworkAttachment("front", List.of("www")));
      b.networks.add(new NetworkAttachment("nothing", List.of("kept")));
    });
    var model = Stacks.model(service);
    ServiceInputs inputs = new ServiceInputs("127.0.0.1:5000/busybox:1.0.0_abc", SpecValues.NODES.arrayNode(), List.of(),
        List.of(), List.of(), Set.of(), 0, Map.of("hostnet", "host", "front", "st_front", "nothing", "none"), Map.of(),
        Map.of());
    assertThat(new ServiceSpecJson(model, new StackNames("st")).of(service, inputs).path("TaskTemplate").path("Networks").toString())
        .isEqualTo("[{\"Target\":\"host\"},{\"Target\":\"none\",\"Aliases\":[\"kept\"]},"
            + "{\"Target\":\"st_front\",\"Aliases\":[\"www\",\"web\"]}]");
  }

  @Test
  void anExtraHostWithAnEmptySideIsSentAsTheCliSendsIt() throws Exception {
    assertThat(convert(with(b -> b.extraHosts.addAll(List.of("somehost:10.1.2.3", "other=10.1.2.4", ":10.1.2.5", "bare:"))))
        .path("TaskTemplate").path("ContainerSpec").path("Hosts").toString())
        .isEqualTo("[\"10.1.2.3 somehost\",\"10.1.2.4 other\",\"10.1.2.5 \",\" bare\"]");
  }

  @Test
  void omittedReplicasAreSentAsAnEmptyReplicatedModeSoAnUpdateResetsAManualScale() throws Exception {
    assertThat(convert(with(b -> { })).path("Mode").toString()).isEqualTo("{\"Replicated\":{}}");
  }
}
