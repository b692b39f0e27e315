package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.kth.aspen.git.GitRegistrySourceFileTest.deadline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.RegistrySnapshot;
import se.kth.aspen.core.port.Secret;

/**
 * The registry over git's smart HTTP with basic authentication (plain http on loopback; https
 * differs only by TLS, which JGit leaves to the JDK): credentials from the URL or the settings,
 * never stored in the clone, never in a message.
 */
class GitOverHttpIT {

  private static final String TOKEN = "tok-3f9a1c77e2";

  @TempDir Path directory;
  private RemoteRepository remote;
  private LoopbackHttpGitServer server;
  private ObjectId first;

  @BeforeEach
  void startServer() throws Exception {
    remote = RemoteRepository.create(directory.resolve("srv"));
    first = remote.commit("one app", Map.of("app-a/active/docker-stack.yml", "a\n"));
    server = LoopbackHttpGitServer.start(remote.bare(), "deploy-bot", TOKEN);
  }

  @AfterEach
  void stopServer() {
    server.close();
    remote.close();
  }

  private String urlWith(String userInfo) {
    return server.url().replace("http://", "http://" + userInfo + "@");
  }

  @Test
  void credentialsInTheUrlCloneAndAreNotWrittenToTheClone() throws Exception {
    try (GitRegistrySource source =
        new GitRegistrySource(GitRegistrySettings.of(urlWith("deploy-bot:" + TOKEN), directory.resolve("work")))) {
      RegistrySnapshot snapshot = source.sync(deadline());
      ObjectId second = remote.commit("next", Map.of("app-b/active/docker-stack.yml", "b\n"));

      assertThat(snapshot.revision()).isEqualTo(first.name());
      assertThat(source.sync(deadline()).revision()).isEqualTo(second.name());
      assertThat(Files.readString(snapshot.root().resolve(".git/config")))
          .contains("url = " + server.url())
          .doesNotContain(TOKEN);
      assertThat(source.toString()).doesNotContain(TOKEN);
    }
  }

  @Test
  void credentialsFromTheSettingsClone() throws Exception {
    GitRegistrySettings settings =
        GitRegistrySettings.of(server.url(), directory.resolve("work"))
            .withHttpsCredentials("deploy-bot", Secret.of(TOKEN));
    try (GitRegistrySource source = new GitRegistrySource(settings)) {
      assertThat(source.sync(deadline()).revision()).isEqualTo(first.name());
    }
  }

  @Test
  void aWrongTokenIsRefusedWithoutQuotingIt() throws Exception {
    try (GitRegistrySource source =
        new GitRegistrySource(GitRegistrySettings.of(urlWith("deploy-bot:wrong-token-42"), directory.resolve("work")))) {
      assertThatThrownBy(() -> source.sync(deadline()))
          .isInstanceOf(RefusedException.class)
          .hasMessage(
              "fetching http://***@127.0.0.1:" + server.url().split(":")[2].split("/")[0]
                  + "/registry.git (the remote's default branch):"
                  + " the credentials were rejected (give a user and token that may read it)");
    }
  }

  @Test
  void aPathWithNoRepositoryIsRefused() throws Exception {
    String elsewhere = server.url().replace("/registry.git", "/elsewhere.git");
    try (GitRegistrySource source =
        new GitRegistrySource(GitRegistrySettings.of(elsewhere, directory.resolve("work")))) {
      assertThatThrownBy(() -> source.sync(deadline()))
          .isInstanceOf(RefusedException.class)
          .hasMessage(
              "fetching " + elsewhere + " (the remote's default branch):"
                  + " there is no repository at that URL");
    }
  }

  @Test
  void noCredentialsAtAllIsRefused() throws Exception {
    try (GitRegistrySource source =
        new GitRegistrySource(GitRegistrySettings.of(server.url(), directory.resolve("work")))) {
      assertThatThrownBy(() -> source.sync(deadline()))
          .isInstanceOf(RefusedException.class)
          .hasMessage(
              "fetching " + server.url() + " (the remote's default branch):"
                  + " the credentials were rejected (give a user and token that may read it)");
    }
  }
}
