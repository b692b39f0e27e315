package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.port.Secret;

class GitRegistrySettingsTest {

  private static final Path WORK = Path.of("/var/lib/aspen/registry");

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} is a repository URL: {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "https://github.com/org/r.git, true",
    "ssh://git@github.com/org/r.git, true",
    "git@github.com:org/r.git, true",
    "file:///srv/git/r.git, true",
    "/srv/registry, false",
    "registry, false",
    "./team/registry, false",
    "git://github.com/org/r.git, true",
  })
  void aRepositoryUrlIsToldFromAPlainDirectory(String value, boolean repository) {
    assertThat(GitRegistrySettings.isRepositoryUrl(value)).isEqualTo(repository);
  }

  @Test
  void toStringShowsNoCredentialFromTheUrlOrTheSettings() {
    GitRegistrySettings settings =
        GitRegistrySettings.of("https://bot:s3cr3t-token@github.com/org/r.git", WORK)
            .withHttpsCredentials("robot-user", Secret.of("other-token"));

    assertThat(settings.toString())
        .doesNotContain("s3cr3t-token", "bot:", "robot-user", "other-token")
        .contains("https://***@github.com/org/r.git", "user=***", "token=***");
  }

  @Test
  void credentialsInTheUrlWinOverThoseInTheSettings() {
    GitRegistrySettings settings =
        GitRegistrySettings.of("https://bot:from-url@github.com/org/r.git", WORK)
            .withHttpsCredentials("robot", Secret.of("from-settings"));

    var provider = RemoteFetch.credentials(settings.remote(), settings).orElseThrow();
    var user = new org.eclipse.jgit.transport.CredentialItem.Username();
    var password = new org.eclipse.jgit.transport.CredentialItem.Password();
    provider.get(new org.eclipse.jgit.transport.URIish(), user, password);

    assertThat(user.getValue()).isEqualTo("bot");
    assertThat(new String(password.getValue())).isEqualTo("from-url");
  }

  @Test
  void aTokenAloneFromTheSettingsIsSentWithAPlaceholderUser() throws Exception {
    GitRegistrySettings settings =
        GitRegistrySettings.of("https://github.com/org/r.git", WORK)
            .withHttpsCredentials(null, Secret.of("tok"));

    var provider = RemoteFetch.credentials(settings.remote(), settings).orElseThrow();
    var user = new org.eclipse.jgit.transport.CredentialItem.Username();
    var password = new org.eclipse.jgit.transport.CredentialItem.Password();
    provider.get(new org.eclipse.jgit.transport.URIish("https://github.com/org/r.git"), user, password);

    assertThat(user.getValue()).isEqualTo("x-access-token");
    assertThat(new String(password.getValue())).isEqualTo("tok");
  }

  @Test
  void sshAndFileRemotesGetNoHttpsCredentials() {
    GitRegistrySettings settings =
        GitRegistrySettings.of("git@github.com:org/r.git", WORK)
            .withHttpsCredentials("u", Secret.of("t"));

    assertThat(RemoteFetch.credentials(settings.remote(), settings)).isEmpty();
  }

  @Test
  void credentialsOverPlainHttpToAnotherHostAreRefused() {
    assertThatThrownBy(() -> GitRegistrySettings.of("http://u:secret1@git.example.org/r.git", WORK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the registry repository URL http://***@git.example.org/r.git is plain http:"
                + " credentials would cross the network in clear; use https://");
  }

  @Test
  void anInvalidBranchNameIsRefused() {
    assertThatThrownBy(() -> GitRegistrySettings.of("file:///r.git", WORK).withBranch("a..b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the registry branch 'a..b' is not a valid git branch name");
  }

  @Test
  void aKnownHostEntryThatIsNotAKnownHostsLineIsRefused() {
    assertThatThrownBy(
            () ->
                GitRegistrySettings.of("git@github.com:org/r.git", WORK)
                    .withKnownHosts(List.of("github.com not-a-key"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the known host entry 'github.com not-a-key' is not a known_hosts line"
                + " (expected: host[,host...] key-type base64-key)");
  }
}
