package se.kth.aspen.runner;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.pass.Ports;
import se.kth.aspen.core.port.ClusterDirectory;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.Notifier;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.RegistrySource;
import se.kth.aspen.core.port.SecretStore;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.state.InMemoryStateStore;
import se.kth.aspen.notify.HttpNotifier;
import se.kth.aspen.notify.LogNotifier;
import se.kth.aspen.redis.RedisStateStore;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.config.ConfigurationException;
import se.kth.aspen.runner.config.RegistryLocation;
import se.kth.aspen.swarm.registry.DockerRegistry;

/**
 * The composition, by hand: which adapter serves each port, decided from the configuration in
 * one place. Owns what it opened (connections, notifier queues) and closes it.
 */
public final class Adapters implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Adapters.class);

  /** Builds the adapters for a configuration; tests give fakes instead. */
  @FunctionalInterface
  public interface Factory {
    Adapters open(Configuration configuration, Clock clock) throws ConfigurationException;
  }

  private final Ports ports;
  private final List<AutoCloseable> owned;

  private Adapters(Ports ports, List<AutoCloseable> owned) {
    this.ports = Objects.requireNonNull(ports, "ports");
    this.owned = List.copyOf(owned);
  }

  /** Adapters made elsewhere (tests), closing the given resources on {@link #close()}. */
  public static Adapters of(Ports ports, AutoCloseable... owned) {
    return new Adapters(ports, List.of(owned));
  }

  /** The production composition. */
  public static Adapters open(Configuration configuration, Clock clock) throws ConfigurationException {
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      Ports ports = new Ports(
          registrySource(configuration),
          clusterDirectory(configuration),
          imageRegistry(configuration),
          secretStore(configuration),
          orchestrator(configuration),
          stateStore(configuration, clock, owned),
          notifier(configuration, owned));
      return new Adapters(ports, owned);
    } catch (RuntimeException e) {
      closeAll(owned);
      throw e;
    }
  }

  /** REGISTRY_REPOSITORY_URL: a git remote (aspen-git) or a plain directory read as it is (CONTRACT §9). */
  static RegistrySource registrySource(Configuration configuration) {
    RegistryLocation location = configuration.registry()
        .orElseThrow(() -> new IllegalStateException("passes need a registry; the configuration reader ensures one"));
    return switch (location) {
      case RegistryLocation.GitRemote remote -> new Unwired("the git registry source (aspen-git)");
      case RegistryLocation.LocalDirectory directory -> new Unwired("the plain-directory registry source");
    };
  }

  /** CLUSTER_STATUS_API_URL, or the JSON file with CLUSTER_STATUS_URL_IS_FILE. */
  static ClusterDirectory clusterDirectory(Configuration configuration) {
    return new Unwired("the cluster directory (aspen-swarm)");
  }

  /** DOCKER_REGISTRY_URL with its credentials; without it, images name their own registry. */
  static ImageRegistry imageRegistry(Configuration configuration) {
    var access = configuration.dockerRegistry();
    return DockerRegistry.create(
        access.map(Configuration.DockerRegistryAccess::url),
        access.flatMap(Configuration.DockerRegistryAccess::user),
        access.flatMap(Configuration.DockerRegistryAccess::password),
        configuration.requestTimeout());
  }

  /** VAULT_KEY_PATH and APP_PWD_FILE_PATH open each app's secrets.env in memory. */
  static SecretStore secretStore(Configuration configuration) {
    return new Unwired("the vault secret store (aspen-vault)");
  }

  /** Docker Swarm through each cluster's endpoint (DOCKER_CERT_PATH for TLS). */
  static Orchestrator orchestrator(Configuration configuration) {
    return new Unwired("the swarm orchestrator (aspen-swarm)");
  }

  /** REDIS_URL, else the embedded store under ASPEN_STATE_DIR. */
  static StateStore stateStore(Configuration configuration, Clock clock, List<AutoCloseable> owned) {
    if (configuration.redisUrl().isPresent()) {
      RedisStateStore redis = RedisStateStore.connect(configuration.redisUrl().get().text(), configuration.requestTimeout());
      owned.add(redis);
      return redis;
    }
    log.warn("the embedded file state store is not in this build yet: state lives in memory and is lost on exit");
    return new InMemoryStateStore(clock);
  }

  /** The SLACK_*_POST_URLs, else the log notifier. */
  static Notifier notifier(Configuration configuration, List<AutoCloseable> owned) {
    Configuration.Notifications urls = configuration.notifications();
    if (!urls.any()) {
      return new LogNotifier();
    }
    HttpNotifier.Builder builder = HttpNotifier.builder().requestTimeout(configuration.requestTimeout());
    urls.deployment().ifPresent(builder::deploymentUrl);
    urls.error().ifPresent(builder::errorUrl);
    urls.recommendation().ifPresent(builder::recommendationUrl);
    HttpNotifier notifier = builder.build();
    owned.add(notifier);
    return notifier;
  }

  public Ports ports() {
    return ports;
  }

  @Override
  public void close() {
    closeAll(owned);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources.reversed()) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
