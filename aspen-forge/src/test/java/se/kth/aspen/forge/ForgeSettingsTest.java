package se.kth.aspen.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.kth.aspen.core.port.Secret;

/** Where the API and the repository come from when only the registry's remote URL is given. */
class ForgeSettingsTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "github, git@github.com:kth/app-registry.git, https://api.github.com",
      "github, https://github.example.org/kth/app-registry.git, https://github.example.org/api/v3",
      "gitlab, ssh://git@gitlab.example.org:2222/team/sub/registry.git, https://gitlab.example.org/api/v4",
      "gitea, https://token@git.example.org/kth/registry, https://git.example.org/api/v1",
      "forgejo, git@codeberg.org:kth/registry.git, https://codeberg.org/api/v1",
      "bitbucket, git@bitbucket.org:ws/registry.git, https://api.bitbucket.org/2.0"})
  void theApiDefaultsFromTheRemotesHost(String provider, String remote, String api) {
    assertThat(ForgeCommitStatuses.defaultApiUrl(ForgeCommitStatuses.Provider.parse(provider), remote))
        .contains(URI.create(api));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "git@github.com:kth/app-registry.git, kth/app-registry",
      "https://user:secret@gitlab.example.org/team/sub/registry.git/, team/sub/registry",
      "ssh://git@gitea.example.org:2222/kth/registry, kth/registry"})
  void theRepositoryDefaultsFromTheRemotesPath(String remote, String repository) {
    assertThat(ForgeCommitStatuses.repositoryOf(remote)).contains(repository);
  }

  @Test
  void aLocalDirectoryNamesNoRepository() {
    assertThat(ForgeCommitStatuses.repositoryOf("/srv/registry")).isEqualTo(Optional.empty());
    assertThat(ForgeCommitStatuses.defaultApiUrl(ForgeCommitStatuses.Provider.GITHUB, "/srv/registry")).isEmpty();
  }

  @Test
  void anUnknownForgeIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> ForgeCommitStatuses.Provider.parse("svn"))
        .hasMessage("\"svn\" is no forge Aspen knows: github, gitlab, gitea, forgejo or bitbucket");
  }

  @Test
  void aRepositoryWithoutOwnerIsRefused() {
    assertThatThrownBy(() -> ForgeCommitStatuses.builder(ForgeCommitStatuses.Provider.GITHUB, URI.create("https://api.github.com"),
        "registry", Secret.of("t"))).hasMessage("\"registry\" names no repository: owner/name (GitLab: group/project or its id)");
  }
}
