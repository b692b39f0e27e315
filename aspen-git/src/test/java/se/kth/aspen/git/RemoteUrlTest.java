package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.kth.aspen.core.port.Secret;

class RemoteUrlTest {

  @ParameterizedTest(name = "{0} is {1}, given to git as {2}, shown as {3}")
  @CsvSource({
    "https://github.com/org/registry.git, HTTPS, https://github.com/org/registry.git, https://github.com/org/registry.git",
    "https://bot:s3cr3t-token@github.com/org/registry.git, HTTPS, https://github.com/org/registry.git, https://***@github.com/org/registry.git",
    "https://ghp_token123@git.example.org:8443/org/reg.git?x=1, HTTPS, https://git.example.org:8443/org/reg.git?x=1, https://***@git.example.org:8443/org/reg.git?x=1",
    "http://127.0.0.1:8080/registry.git, HTTP, http://127.0.0.1:8080/registry.git, http://127.0.0.1:8080/registry.git",
    "ssh://git@github.com/org/registry.git, SSH, ssh://git@github.com/org/registry.git, ssh://git@github.com/org/registry.git",
    "ssh://git@127.0.0.1:2222/srv/registry.git, SSH, ssh://git@127.0.0.1:2222/srv/registry.git, ssh://git@127.0.0.1:2222/srv/registry.git",
    "git@github.com:org/registry.git, SSH, git@github.com:org/registry.git, git@github.com:org/registry.git",
    "deploy@git.example.org:registry, SSH, deploy@git.example.org:registry, deploy@git.example.org:registry",
    "file:///srv/git/registry.git, FILE, file:///srv/git/registry.git, file:///srv/git/registry.git",
  })
  void everySupportedFormIsReadWithItsCredentialsTakenOut(
      String url, RemoteUrl.Kind kind, String gitUrl, String display) {
    RemoteUrl remote = RemoteUrl.parse(url);

    assertThat(remote.kind()).isEqualTo(kind);
    assertThat(remote.gitUrl()).isEqualTo(gitUrl);
    assertThat(remote.display()).isEqualTo(display);
    assertThat(remote.toString()).isEqualTo(display);
  }

  @Test
  void httpsUserAndTokenAreDecodedFromTheUserInfo() {
    RemoteUrl remote = RemoteUrl.parse("https://bot%40org:p%3Ass%2Bw@github.com/org/r.git");

    assertThat(remote.user()).contains("bot@org");
    assertThat(remote.password()).contains(Secret.of("p:ss+w"));
  }

  @Test
  void aTokenGivenAsTheUserAloneIsKeptAsTheUser() {
    RemoteUrl remote = RemoteUrl.parse("https://ghp_abcdef@github.com/org/r.git");

    assertThat(remote.user()).contains("ghp_abcdef");
    assertThat(remote.password()).isEqualTo(Optional.empty());
  }

  @Test
  void scrubHidesTheCredentialsWhereverTheyAppear() {
    RemoteUrl remote = RemoteUrl.parse("https://bot:s3cr3t-token@github.com/org/r.git");

    assertThat(remote.scrub("auth for bot with s3cr3t-token at https://bot:s3cr3t-token@github.com/x failed"))
        .isEqualTo("auth for *** with *** at https://***@github.com/x failed");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''| the registry repository URL is empty",
        "git://github.com/org/r.git| the registry repository URL git://github.com/org/r.git uses 'git://', which is not supported: use https://, ssh://, user@host:path or file://",
        "ftp://user:hunter22@host/r.git| the registry repository URL ftp://***@host/r.git uses 'ftp://', which is not supported: use https://, ssh://, user@host:path or file://",
        "registry| the registry repository URL registry is neither an https://, ssh://, file:// URL nor of the form user@host:path",
        "ssh://git:hunter22@host/r.git| the registry repository URL ssh://***@host/r.git holds an ssh password, which is not supported: authenticate with a private key",
        "file://relative/r.git| the registry repository URL file://relative/r.git must name an absolute path (file:///...)",
        "https:///no-host| the registry repository URL https:///no-host names no host",
      })
  void aBadUrlIsRefusedWithAReasonAndNoCredentials(String url, String message) {
    assertThatThrownBy(() -> RemoteUrl.parse(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
