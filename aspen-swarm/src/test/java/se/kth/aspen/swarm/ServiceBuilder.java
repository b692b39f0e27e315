package se.kth.aspen.swarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.compose.DeploySpec;
import se.kth.aspen.core.compose.FileReference;
import se.kth.aspen.core.compose.HealthcheckSpec;
import se.kth.aspen.core.compose.LoggingSpec;
import se.kth.aspen.core.compose.NetworkAttachment;
import se.kth.aspen.core.compose.PortSpec;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.Ulimit;
import se.kth.aspen.core.compose.VolumeMount;

/** Test-side builder of compose services: everything absent unless set. */
final class ServiceBuilder {

  final String name;
  String image;
  Optional<List<String>> command = Optional.empty();
  Optional<List<String>> entrypoint = Optional.empty();
  LinkedHashMap<String, Optional<String>> environment = new LinkedHashMap<>();
  List<String> envFiles = new ArrayList<>();
  Map<String, String> labels = new HashMap<>();
  Optional<DeploySpec> deploy = Optional.empty();
  Optional<LoggingSpec> logging = Optional.empty();
  List<PortSpec> ports = new ArrayList<>();
  List<VolumeMount> volumes = new ArrayList<>();
  List<NetworkAttachment> networks = new ArrayList<>();
  List<FileReference> secrets = new ArrayList<>();
  List<FileReference> configs = new ArrayList<>();
  Optional<HealthcheckSpec> healthcheck = Optional.empty();
  Optional<String> user = Optional.empty();
  Optional<String> workingDir = Optional.empty();
  Optional<String> hostname = Optional.empty();
  List<String> extraHosts = new ArrayList<>();
  List<String> dns = new ArrayList<>();
  List<String> dnsSearch = new ArrayList<>();
  Optional<Duration> stopGracePeriod = Optional.of(Duration.ofSeconds(1));
  Optional<String> stopSignal = Optional.empty();
  Optional<Boolean> init = Optional.empty();
  List<String> capAdd = new ArrayList<>();
  List<String> capDrop = new ArrayList<>();
  Map<String, String> sysctls = new HashMap<>();
  List<Ulimit> ulimits = new ArrayList<>();
  Optional<Boolean> readOnly = Optional.empty();
  Optional<Boolean> tty = Optional.empty();
  Optional<Boolean> stdinOpen = Optional.empty();
  Optional<String> restart = Optional.empty();

  ServiceBuilder(String name, String image) {
    this.name = name;
    this.image = image;
  }

  ServiceBuilder image(String newImage) {
    this.image = newImage;
    return this;
  }

  ServiceBuilder env(String key, String value) {
    environment.put(key, Optional.ofNullable(value));
    return this;
  }

  ServiceBuilder envFile(String file) {
    envFiles.add(file);
    return this;
  }

  ServiceBuilder command(String... args) {
    command = Optional.of(List.of(args));
    return this;
  }

  ServiceBuilder deploy(DeploySpec spec) {
    deploy = Optional.of(spec);
    return this;
  }

  ServiceBuilder replicas(int n) {
    return deploy(DeployBuilder.replicas(n).build());
  }

  ServiceSpec build() {
    return new ServiceSpec(name, 1, image, command, entrypoint, environment, envFiles, labels, deploy, logging, ports,
        volumes, networks, secrets, configs, healthcheck, user, workingDir, hostname, extraHosts, dns, dnsSearch,
        stopGracePeriod, stopSignal, init, capAdd, capDrop, sysctls, ulimits, readOnly, tty, stdinOpen, restart);
  }
}
