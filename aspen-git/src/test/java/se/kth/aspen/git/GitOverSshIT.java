package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.kth.aspen.git.GitRegistrySourceFileTest.deadline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.RegistrySnapshot;

/**
 * The registry over ssh from a real SSH server on loopback, with strict host key checking: a
 * listed host key is accepted, an unknown or changed one refused, nothing added.
 */
class GitOverSshIT {

  @TempDir Path directory;
  private RemoteRepository remote;
  private KeyPair hostKey;
  private KeyPair clientKey;
  private Path clientKeyFile;
  private LoopbackSshGitServer server;
  private ObjectId first;

  @BeforeEach
  void startServer() throws Exception {
    remote = RemoteRepository.create(directory.resolve("srv"));
    first = remote.commit("one app", Map.of("app-a/active/docker-stack.yml", "a\n"));
    hostKey = LoopbackSshGitServer.newKeyPair();
    clientKey = LoopbackSshGitServer.newKeyPair();
    clientKeyFile = LoopbackSshGitServer.writePrivateKey(clientKey, directory.resolve("id_ecdsa"));
    server = LoopbackSshGitServer.start(directory.resolve("srv"), hostKey, clientKey.getPublic(), 0);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
    remote.close();
  }

  private GitRegistrySettings settings(List<String> knownHostEntries, List<Path> knownHostFiles) {
    return GitRegistrySettings.of(server.url("registry.git"), directory.resolve("work"))
        .withIdentityFiles(List.of(clientKeyFile))
        .withKnownHosts(knownHostEntries, knownHostFiles);
  }

  @Test
  void aHostListedInKnownHostEntryIsAcceptedAndFollowed() throws Exception {
    try (GitRegistrySource source = new GitRegistrySource(settings(List.of(server.knownHostsLine()), List.of()))) {
      RegistrySnapshot cloned = source.sync(deadline());
      ObjectId second = remote.commit("another app", Map.of("app-b/stage/docker-stack.yml", "b\n"));

      RegistrySnapshot updated = source.sync(deadline());

      assertThat(cloned.revision()).isEqualTo(first.name());
      assertThat(updated.revision()).isEqualTo(second.name());
      assertThat(updated.changedPaths()).contains(Set.of("app-b/stage/docker-stack.yml"));
      assertThat(updated.root().resolve("app-b/stage/docker-stack.yml")).hasContent("b");
    }
  }

  @Test
  void aHostListedInAKnownHostsFileIsAccepted() throws Exception {
    Path knownHosts = directory.resolve("known_hosts");
    Files.writeString(
        knownHosts,
        "# other hosts first\n"
            + LoopbackSshGitServer.knownHostsLine(22, LoopbackSshGitServer.newKeyPair().getPublic())
            + "\n"
            + server.knownHostsLine()
            + "\n");
    try (GitRegistrySource source = new GitRegistrySource(settings(List.of(), List.of(knownHosts)))) {
      assertThat(source.sync(deadline()).revision()).isEqualTo(first.name());
    }
  }

  @Test
  void anUnknownHostIsRefusedWithItsFingerprintAndNothingIsWritten() throws Exception {
    Path knownHosts = directory.resolve("known_hosts");
    Files.writeString(knownHosts, "");
    try (GitRegistrySource source = new GitRegistrySource(settings(List.of(), List.of(knownHosts)))) {
      assertThatThrownBy(() -> source.sync(deadline()))
          .isInstanceOf(RefusedException.class)
          .hasMessage(
              "fetching " + server.url("registry.git") + " (the remote's default branch):"
                  + " the ssh host [127.0.0.1]:" + server.port() + " is unknown: no key is listed"
                  + " for it in KNOWN_HOST_ENTRY (none given), " + knownHosts
                  + "; refusing to connect (to trust it, add its known_hosts line, key"
                  + " ecdsa-sha2-nistp256 " + KeyUtils.getFingerPrint(hostKey.getPublic())
                  + ", to KNOWN_HOST_ENTRY or KNOWN_HOST_FILE)");
    }
    assertThat(knownHosts).isEmptyFile();
  }

  @Test
  void aChangedHostKeyIsRefused() throws Exception {
    String oldKey = LoopbackSshGitServer.knownHostsLine(server.port(), LoopbackSshGitServer.newKeyPair().getPublic());
    try (GitRegistrySource source = new GitRegistrySource(settings(List.of(oldKey), List.of()))) {
      assertThatThrownBy(() -> source.sync(deadline()))
          .isInstanceOf(RefusedException.class)
          .hasMessage(
              "fetching " + server.url("registry.git") + " (the remote's default branch):"
                  + " the ssh host key of [127.0.0.1]:" + server.port() + " has CHANGED: it presented"
                  + " ecdsa-sha2-nistp256 " + KeyUtils.getFingerPrint(hostKey.getPublic())
                  + ", which is not the key listed for it in KNOWN_HOST_ENTRY, KNOWN_HOST_FILE (none given);"
                  + " refusing to connect (if the change is expected, replace the known host entry)");
    }
  }

  @Test
  void aHostWhoseKeyChangesAfterASyncKeepsTheLastSnapshotMarkedStale() throws Exception {
    try (GitRegistrySource source = new GitRegistrySource(settings(List.of(server.knownHostsLine()), List.of()))) {
      RegistrySnapshot good = source.sync(deadline());
      int port = server.port();
      server.close();
      server = LoopbackSshGitServer.start(directory.resolve("srv"), LoopbackSshGitServer.newKeyPair(), clientKey.getPublic(), port);

      RegistrySnapshot stale = source.sync(deadline());

      assertThat(stale.revision()).isEqualTo(good.revision());
      assertThat(stale.staleBecause().orElseThrow()).contains("has CHANGED");
    }
  }

  @Test
  void aClientKeyTheServerDoesNotAcceptIsRefused() throws Exception {
    Path otherKey = LoopbackSshGitServer.writePrivateKey(LoopbackSshGitServer.newKeyPair(), directory.resolve("other"));
    GitRegistrySettings settings = settings(List.of(server.knownHostsLine()), List.of()).withIdentityFiles(List.of(otherKey));
    try (GitRegistrySource source = new GitRegistrySource(settings)) {
      assertThatThrownBy(() -> source.sync(deadline()))
          .isInstanceOf(RefusedException.class)
          .hasMessage(
              "fetching " + server.url("registry.git") + " (the remote's default branch):"
                  + " the ssh server did not accept any of the private keys given");
    }
  }

  @Test
  void aPathWithNoRepositoryIsRefused() throws Exception {
    GitRegistrySettings settings =
        GitRegistrySettings.of(server.url("elsewhere.git"), directory.resolve("work"))
            .withIdentityFiles(List.of(clientKeyFile))
            .withKnownHosts(List.of(server.knownHostsLine()), List.of());
    try (GitRegistrySource source = new GitRegistrySource(settings)) {
      assertThatThrownBy(() -> source.sync(deadline()))
          .isInstanceOf(RefusedException.class)
          .hasMessage(
              "fetching " + server.url("elsewhere.git") + " (the remote's default branch):"
                  + " there is no repository at that URL");
    }
  }

  @Test
  void aMissingPrivateKeyFileIsNamedInsteadOfTryingTheServer() throws Exception {
    Path missing = directory.resolve("no-such-key");
    GitRegistrySettings settings =
        settings(List.of(server.knownHostsLine()), List.of()).withIdentityFiles(List.of(missing));
    try (GitRegistrySource source = new GitRegistrySource(settings)) {
      assertThatThrownBy(() -> source.sync(deadline()))
          .isInstanceOf(RefusedException.class)
          .hasMessage(
              "fetching " + server.url("registry.git") + " (the remote's default branch):"
                  + " the ssh private key file " + missing + " is missing or unreadable");
    }
  }

  @Test
  void aServerThatAcceptsButNeverAnswersTimesOutAtTheDeadline() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        GitRegistrySource source =
            new GitRegistrySource(
                GitRegistrySettings.of("ssh://git@127.0.0.1:" + silent.getLocalPort() + "/registry.git", directory.resolve("w"))
                    .withIdentityFiles(List.of(clientKeyFile)))) {
      assertThatThrownBy(() -> source.sync(se.kth.aspen.core.port.Deadline.in(java.time.Duration.ofSeconds(2))))
          .isInstanceOf(se.kth.aspen.core.port.UnreachableException.class)
          .hasMessageStartingWith(
              "fetching ssh://git@127.0.0.1:" + silent.getLocalPort() + "/registry.git"
                  + " (the remote's default branch): timed out (deadline Deadline[in ");
    }
  }

  @Test
  void aServerThatGoesDownLeavesTheLastSnapshotStaleAndItsReturnRecovers() throws Exception {
    try (GitRegistrySource source = new GitRegistrySource(settings(List.of(server.knownHostsLine()), List.of()))) {
      RegistrySnapshot good = source.sync(deadline());
      int port = server.port();
      String url = server.url("registry.git");
      server.close();

      RegistrySnapshot stale = source.sync(deadline());
      assertThat(stale.revision()).isEqualTo(good.revision());
      assertThat(stale.staleBecause())
          .contains(
              "fetching " + url + " (the remote's default branch):"
                  + " the connection was refused");

      ObjectId next = remote.commit("while down", Map.of("app-c/active/docker-stack.yml", "c\n"));
      server = LoopbackSshGitServer.start(directory.resolve("srv"), hostKey, clientKey.getPublic(), port);
      RegistrySnapshot recovered = source.sync(deadline());

      assertThat(recovered.stale()).isFalse();
      assertThat(recovered.revision()).isEqualTo(next.name());
      assertThat(recovered.changedPaths()).contains(Set.of("app-c/active/docker-stack.yml"));
    }
  }
}
