package se.kth.aspen.core.compose;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * One service of a stack, as Compose describes it (field names follow the Compose keys).
 *
 * @param name the service key
 * @param line the 1-based line of the service key in the stack file
 * @param image the image exactly as written after interpolation
 * @param command {@code command}, split shell-style when written as a string; empty when absent
 * @param entrypoint {@code entrypoint}, likewise
 * @param environment {@code environment} in file order; an empty {@code Optional} value is a
 *     name given without a value ({@code - KEY} or {@code KEY:})
 * @param envFiles {@code env_file} paths as written, relative to the stack file's directory
 * @param labels container labels (service-level {@code labels})
 * @param deploy the {@code deploy} block, empty when absent
 * @param logging the {@code logging} block, empty when absent
 * @param extraHosts {@code HOST:IP} as written (the map form is written the same way); Swarm
 *     wants {@code IP HOST}
 * @param capAdd as written, without the {@code CAP_} prefix Swarm wants when it is missing
 * @param ulimits sorted by name, as the CLI sends them
 * @param restart the service-level {@code restart} (not a Swarm option; stands in for a missing
 *     {@code deploy.restart_policy} as the CLI does)
 * @param dependsOn {@code depends_on} in file order: the services this one is deployed after (not a
 *     Swarm option: Aspen orders the deploy by it, see {@link ServiceOrder})
 */
public record ServiceSpec(
    String name,
    int line,
    String image,
    Optional<List<String>> command,
    Optional<List<String>> entrypoint,
    SequencedMap<String, Optional<String>> environment,
    List<String> envFiles,
    Map<String, String> labels,
    Optional<DeploySpec> deploy,
    Optional<LoggingSpec> logging,
    List<PortSpec> ports,
    List<VolumeMount> volumes,
    List<NetworkAttachment> networks,
    List<FileReference> secrets,
    List<FileReference> configs,
    Optional<HealthcheckSpec> healthcheck,
    Optional<String> user,
    Optional<String> workingDir,
    Optional<String> hostname,
    List<String> extraHosts,
    List<String> dns,
    List<String> dnsSearch,
    Optional<Duration> stopGracePeriod,
    Optional<String> stopSignal,
    Optional<Boolean> init,
    List<String> capAdd,
    List<String> capDrop,
    Map<String, String> sysctls,
    List<Ulimit> ulimits,
    Optional<Boolean> readOnly,
    Optional<Boolean> tty,
    Optional<Boolean> stdinOpen,
    Optional<String> restart,
    List<ServiceDependency> dependsOn) {

  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    command = command.map(List::copyOf);
    entrypoint = entrypoint.map(List::copyOf);
    environment = Immutable.orderedCopy(environment);
    envFiles = List.copyOf(envFiles);
    labels = Map.copyOf(labels);
    ports = List.copyOf(ports);
    volumes = List.copyOf(volumes);
    networks = List.copyOf(networks);
    secrets = List.copyOf(secrets);
    configs = List.copyOf(configs);
    extraHosts = List.copyOf(extraHosts);
    dns = List.copyOf(dns);
    dnsSearch = List.copyOf(dnsSearch);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    sysctls = Map.copyOf(sysctls);
    ulimits = List.copyOf(ulimits);
    dependsOn = List.copyOf(dependsOn);
  }

  /** A service without {@code depends_on}. */
  public ServiceSpec(String name, int line, String image, Optional<List<String>> command,
      Optional<List<String>> entrypoint, SequencedMap<String, Optional<String>> environment, List<String> envFiles,
      Map<String, String> labels, Optional<DeploySpec> deploy, Optional<LoggingSpec> logging, List<PortSpec> ports,
      List<VolumeMount> volumes, List<NetworkAttachment> networks, List<FileReference> secrets,
      List<FileReference> configs, Optional<HealthcheckSpec> healthcheck, Optional<String> user,
      Optional<String> workingDir, Optional<String> hostname, List<String> extraHosts, List<String> dns,
      List<String> dnsSearch, Optional<Duration> stopGracePeriod, Optional<String> stopSignal, Optional<Boolean> init,
      List<String> capAdd, List<String> capDrop, Map<String, String> sysctls, List<Ulimit> ulimits,
      Optional<Boolean> readOnly, Optional<Boolean> tty, Optional<Boolean> stdinOpen, Optional<String> restart) {
    this(name, line, image, command, entrypoint, environment, envFiles, labels, deploy, logging, ports, volumes, networks,
        secrets, configs, healthcheck, user, workingDir, hostname, extraHosts, dns, dnsSearch, stopGracePeriod,
        stopSignal, init, capAdd, capDrop, sysctls, ulimits, readOnly, tty, stdinOpen, restart, List.of());
  }

  /** Whether {@code deploy.mode} is {@code replicated-job} or {@code global-job}: tasks that run to completion. */
  public boolean job() {
    return deploy.map(DeploySpec::job).orElse(false);
  }

  /** The deploy labels (service labels in Swarm), empty when there is no deploy block. */
  public Map<String, String> deployLabels() {
    return deploy.map(DeploySpec::labels).orElse(Map.of());
  }
}
