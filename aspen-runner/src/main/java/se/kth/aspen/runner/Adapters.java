package se.kth.aspen.runner;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.commitstatus.CommitStatusReports;
import se.kth.aspen.core.local.DirectoryRegistrySource;
import se.kth.aspen.core.pass.PassListener;
import se.kth.aspen.core.pass.Ports;
import se.kth.aspen.core.port.ClusterDirectory;
import se.kth.aspen.core.port.CommitStatuses;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.Notifier;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.RegistrySource;
import se.kth.aspen.core.port.SecretStore;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.state.FileStateStore;
import se.kth.aspen.forge.ForgeCommitStatuses;
import se.kth.aspen.git.GitRegistrySettings;
import se.kth.aspen.git.GitRegistrySource;
import se.kth.aspen.notify.HttpNotifier;
import se.kth.aspen.notify.LogNotifier;
import se.kth.aspen.redis.RedisStateStore;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.config.ConfigurationException;
import se.kth.aspen.runner.config.RepositoryLocation;
import se.kth.aspen.runner.state.WriteWatchingStateStore;
import se.kth.aspen.swarm.SwarmOrchestrator;
import se.kth.aspen.swarm.SwarmSettings;
import se.kth.aspen.swarm.cluster.ClusterStatusDirectory;
import se.kth.aspen.swarm.registry.DockerRegistry;
import se.kth.aspen.vault.VaultSecretStore;

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
  private final Optional<CommitStatusWatch> commitStatuses;

  private Adapters(Ports ports, List<AutoCloseable> owned, Optional<CommitStatusWatch> commitStatuses) {
    this.ports = Objects.requireNonNull(ports, "ports");
    this.owned = List.copyOf(owned);
    this.commitStatuses = Objects.requireNonNull(commitStatuses, "commitStatuses");
  }

  /** Adapters made elsewhere (tests), closing the given resources on {@link #close()}. */
  public static Adapters of(Ports ports, AutoCloseable... owned) {
    return new Adapters(ports, List.of(owned), Optional.empty());
  }

  /** Adapters made elsewhere (tests) that post commit statuses to the given forge. */
  public static Adapters withCommitStatuses(Ports ports, CommitStatuses forge, Optional<URI> publicUrl, AutoCloseable... owned) {
    CommitStatusWatch watch = new CommitStatusWatch(new CommitStatusReports(forge, publicUrl));
    return new Adapters(watch.watched(ports), List.of(owned), Optional.of(watch));
  }

  /** The production composition. */
  public static Adapters open(Configuration configuration, Clock clock) throws ConfigurationException {
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      Ports ports = new Ports(
          registrySource(configuration, owned),
          clusterDirectory(configuration),
          imageRegistry(configuration),
          secretStore(configuration),
          orchestrator(configuration, owned),
          new WriteWatchingStateStore(stateStore(configuration, clock, owned), clock),
          notifier(configuration, owned));
      Optional<CommitStatusWatch> watch = commitStatuses(configuration, owned);
      return new Adapters(watch.map(w -> w.watched(ports)).orElse(ports), owned, watch);
    } catch (IllegalArgumentException e) {
      // The adapters validate their settings too (a URL form the reader let through, a git setting).
      closeAll(owned);
      throw new ConfigurationException(List.of(e.getMessage()));
    } catch (RuntimeException | ConfigurationException e) {
      closeAll(owned);
      throw e;
    }
  }

  /** REGISTRY_REPOSITORY_URL: a git remote, cloned under REGISTRY_SUB_DIRECTORY, or a plain directory read as it is. */
  public static RegistrySource registrySource(Configuration configuration, List<AutoCloseable> owned) {
    RepositoryLocation location = configuration.registry()
        .orElseThrow(() -> new IllegalStateException("passes need a registry; the configuration reader ensures one"));
    return switch (location) {
      case RepositoryLocation.LocalDirectory directory -> new DirectoryRegistrySource(directory.path(), "directory");
      case RepositoryLocation.GitRemote remote -> {
        List<Path> knownHostFiles = Files.isRegularFile(configuration.knownHostFile())
            ? List.of(configuration.knownHostFile()) : List.of();
        GitRegistrySettings settings = GitRegistrySettings.of(remote.url(), configuration.registryClone())
            .withIdentityFiles(GitRegistrySettings.conventionalIdentityFiles(configuration.sshDirectory()))
            .withKnownHosts(configuration.knownHostEntry().map(List::of).orElse(List.of()), knownHostFiles);
        GitRegistrySource git = new GitRegistrySource(settings);
        owned.add(git);
        yield git;
      }
    };
  }

  /** CLUSTER_STATUS_API_URL, or the JSON file with CLUSTER_STATUS_URL_IS_FILE. */
  static ClusterDirectory clusterDirectory(Configuration configuration) {
    String source = configuration.clusterStatus()
        .orElseThrow(() -> new IllegalStateException("passes need a cluster directory; the configuration reader ensures one"));
    return ClusterStatusDirectory.fromSettings(source, configuration.clusterStatusIsFile(), configuration.requestTimeout());
  }

  /** The known registries (DOCKER_REGISTRY_*, AZURE_REGISTRY_*, DOCKER_CONFIG), each with its login; other hosts anonymously. */
  public static ImageRegistry imageRegistry(Configuration configuration) {
    return DockerRegistry.create(configuration.registries(), configuration.requestTimeout());
  }

  /** VAULT_KEY_PATH and APP_PWD_FILE_PATH open each app's secrets.env in memory; without them, apps needing secrets fail. */
  static SecretStore secretStore(Configuration configuration) {
    return configuration.vault()
        .<SecretStore>map(files -> new VaultSecretStore(files.keyFile(), files.passwordsFile()))
        .orElseGet(NoVault::new);
  }

  /**
   * Docker Swarm through each cluster's endpoint: DOCKER_CERT_PATH for TLS endpoints, and each
   * known registry's login sent with deploys of that registry's images.
   */
  static Orchestrator orchestrator(Configuration configuration, List<AutoCloseable> owned) {
    SwarmSettings settings = SwarmSettings.defaults().withConfigRotation(configuration.configRotation())
        .withRegistries(configuration.registries());
    if (configuration.dockerCertPath().isPresent()) {
      settings = settings.withCertPath(configuration.dockerCertPath().get());
    }
    SwarmOrchestrator swarm = new SwarmOrchestrator(settings);
    owned.add(swarm);
    return swarm;
  }

  /** REDIS_URL, else the embedded file store under ASPEN_STATE_DIR, which survives restarts. */
  static StateStore stateStore(Configuration configuration, Clock clock, List<AutoCloseable> owned)
      throws ConfigurationException {
    if (configuration.redisUrl().isPresent()) {
      RedisStateStore redis = RedisStateStore.connect(configuration.redisUrl().get().text(), configuration.requestTimeout())
          .as(configuration.runnerName());
      owned.add(redis);
      return redis;
    }
    Path file = configuration.stateDir().resolve("state.json");
    try {
      return FileStateStore.open(file, clock);
    } catch (IOException e) {
      throw new ConfigurationException(List.of("ASPEN_STATE_DIR: cannot open the state file " + file + ": " + e.getMessage()));
    }
  }

  /** The SLACK_*_POST_URLs, else the log notifier. */
  static Notifier notifier(Configuration configuration, List<AutoCloseable> owned) {
    Configuration.Notifications urls = configuration.notifications();
    if (!urls.any()) {
      return new LogNotifier();
    }
    HttpNotifier.Builder builder = HttpNotifier.builder().requestTimeout(configuration.requestTimeout())
        .sendRecoveries(urls.recoveries());
    urls.deployment().ifPresent(builder::deploymentUrl);
    urls.error().ifPresent(builder::errorUrl);
    urls.recommendation().ifPresent(builder::recommendationUrl);
    HttpNotifier notifier = builder.build();
    owned.add(notifier);
    return notifier;
  }

  /**
   * COMMIT_STATUS_*: the forge told how each target of a deploying pass fared, on the revision
   * deployed; linked to the app in the API at ASPEN_PUBLIC_URL.
   */
  static Optional<CommitStatusWatch> commitStatuses(Configuration configuration, List<AutoCloseable> owned) {
    if (configuration.commitStatuses().isEmpty()) {
      return Optional.empty();
    }
    Configuration.CommitStatusAccess access = configuration.commitStatuses().get();
    ForgeCommitStatuses forge = ForgeCommitStatuses.builder(ForgeCommitStatuses.Provider.parse(access.provider()),
        access.apiUrl(), access.repository(), access.token()).requestTimeout(configuration.requestTimeout()).build();
    owned.add(forge);
    return Optional.of(new CommitStatusWatch(new CommitStatusReports(forge, configuration.publicUrl())));
  }

  public Ports ports() {
    return ports;
  }

  /**
   * The listener a deploying pass is run with: the given one, and the commit statuses when a forge
   * is configured. Plans and SKIP_DEPLOYMENT passes deploy nothing and use the given one alone.
   */
  public PassListener deployListener(PassListener listener) {
    return commitStatuses.map(watch -> watch.listener(listener)).orElse(listener);
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
