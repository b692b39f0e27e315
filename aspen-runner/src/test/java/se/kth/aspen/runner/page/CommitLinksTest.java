package se.kth.aspen.runner.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommitLinksTest {

  private static final String REVISION = "3b01b96e0a1b2c3d4e5f60718293a4b5c6d7e8f9";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://github.com/org/app-registry.git, https://github.com/org/app-registry/commit/",
      "git@github.com:org/app-registry.git, https://github.com/org/app-registry/commit/",
      "ssh://git@gitlab.com/group/sub/registry.git, https://gitlab.com/group/sub/registry/-/commit/",
      "https://deploy:s3cret@gitlab.com/group/registry, https://gitlab.com/group/registry/-/commit/",
      "https://bitbucket.org/team/registry.git, https://bitbucket.org/team/registry/commits/",
      "https://codeberg.org/team/registry/, https://codeberg.org/team/registry/commit/"})
  void aHostedForgesCloneUrlGivesItsCommitPagesWithoutCredentials(String remote, String prefix) {
    Optional<String> url = CommitLinks.of(remote).flatMap(links -> links.url(REVISION));

    assertThat(url).hasValue(prefix + REVISION);
    assertThat(url.get()).doesNotContain("s3cret").doesNotContain("deploy@");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"https://git.example.org/org/registry.git", "/srv/registry", "file:///srv/registry.git",
      "https://github.com/", "https://github.com/org/%3Cscript%3E"})
  void aSelfHostedForgeALocalRegistryOrAStrangePathGetNoLink(String remote) {
    assertThat(CommitLinks.of(remote)).isEmpty();
  }

  @ParameterizedTest(name = "revision [{0}]")
  @ValueSource(strings = {"", "directory", "\"><script>", "abc"})
  void onlyAHexadecimalRevisionIsLinked(String revision) {
    assertThat(CommitLinks.of("https://github.com/org/registry").orElseThrow().url(revision)).isEmpty();
  }
}
