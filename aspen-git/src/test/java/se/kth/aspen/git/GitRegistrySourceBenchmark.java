package se.kth.aspen.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RegistrySnapshot;

/**
 * A registry of 1 000 applications ({@code app-NNNN/active/docker-stack.yml}, one commit): the
 * sync when nothing changed (file:// and ssh on loopback) and the first clone.
 *
 * <p>{@code scripts/jmh aspen-git -f 1 -wi 3 -i 5 -r 2 'GitRegistrySourceBenchmark.noChange'} and
 * {@code scripts/jmh aspen-git -f 1 -bm ss -wi 2 -i 10 'GitRegistrySourceBenchmark.firstClone'}.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GitRegistrySourceBenchmark {

  static final int APPS = 1_000;

  /** The remote with 1 000 apps, made once per trial. */
  @State(Scope.Benchmark)
  public static class Registry {
    Path directory;
    RemoteRepository remote;

    @Setup(Level.Trial)
    public void create() throws Exception {
      directory = Files.createTempDirectory("aspen-git-bench");
      remote = RemoteRepository.create(directory.resolve("srv"));
      Map<String, String> files = new LinkedHashMap<>();
      for (int i = 0; i < APPS; i++) {
        String app = String.format("app-%04d", i);
        files.put(
            app + "/active/docker-stack.yml",
            "version: '3.8'\nservices:\n  web:\n    image: 127.0.0.1:5000/" + app + ":1.0." + i
                + "\n    deploy:\n      replicas: 1\n");
      }
      remote.commit("1000 apps", files);
    }

    @TearDown(Level.Trial)
    public void delete() throws Exception {
      remote.close();
      GitRegistrySourceFaultTest.deleteTree(directory);
    }
  }

  /** A source that has already cloned, over file://. */
  @State(Scope.Benchmark)
  public static class SyncedFile {
    GitRegistrySource source;

    @Setup(Level.Trial)
    public void clone(Registry registry) throws PortException {
      source =
          new GitRegistrySource(
              GitRegistrySettings.of(registry.remote.fileUrl(), registry.directory.resolve("work-file")));
      source.sync(deadline());
    }

    @TearDown(Level.Trial)
    public void close() {
      source.close();
    }
  }

  /** A source that has already cloned, over ssh from a loopback server. */
  @State(Scope.Benchmark)
  public static class SyncedSsh {
    LoopbackSshGitServer server;
    GitRegistrySource source;

    @Setup(Level.Trial)
    public void clone(Registry registry) throws Exception {
      KeyPair hostKey = LoopbackSshGitServer.newKeyPair();
      KeyPair clientKey = LoopbackSshGitServer.newKeyPair();
      Path keyFile = LoopbackSshGitServer.writePrivateKey(clientKey, registry.directory.resolve("id"));
      server = LoopbackSshGitServer.start(registry.directory.resolve("srv"), hostKey, clientKey.getPublic(), 0);
      source =
          new GitRegistrySource(
              GitRegistrySettings.of(server.url("registry.git"), registry.directory.resolve("work-ssh"))
                  .withIdentityFiles(List.of(keyFile))
                  .withKnownHosts(List.of(server.knownHostsLine()), List.of()));
      source.sync(deadline());
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      source.close();
      server.close();
    }
  }

  /** A source on an empty working directory, made anew for every clone. */
  @State(Scope.Thread)
  public static class Fresh {
    Path work;
    GitRegistrySource source;

    @Setup(Level.Invocation)
    public void create(Registry registry) throws Exception {
      work = Files.createTempDirectory(registry.directory, "work-fresh");
      source = new GitRegistrySource(GitRegistrySettings.of(registry.remote.fileUrl(), work));
    }

    @TearDown(Level.Invocation)
    public void delete() throws Exception {
      source.close();
      GitRegistrySourceFaultTest.deleteTree(work);
    }
  }

  static Deadline deadline() {
    return Deadline.in(Duration.ofMinutes(2));
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public RegistrySnapshot noChangeSyncOverFile(SyncedFile synced) throws PortException {
    return synced.source.sync(deadline());
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public RegistrySnapshot noChangeSyncOverSsh(SyncedSsh synced) throws PortException {
    return synced.source.sync(deadline());
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public RegistrySnapshot firstClone(Fresh fresh) throws PortException {
    return fresh.source.sync(deadline());
  }
}
