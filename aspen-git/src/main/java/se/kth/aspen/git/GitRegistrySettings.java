package se.kth.aspen.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import se.kth.aspen.core.port.Secret;

/**
 * How to reach the registry repository and where to keep its local copy.
 *
 * <p>Nothing here is read from the environment or the home directory: the runner decides (from
 * {@code REGISTRY_REPOSITORY_URL}, {@code KNOWN_HOST_ENTRY}, {@code KNOWN_HOST_FILE}, ...) and
 * passes the values in. {@link #toString()} never shows a credential.
 *
 * @param repositoryUrl {@code https://[user[:token]@]host/path}, {@code ssh://[user@]host[:port]/path},
 *     {@code user@host:path} or {@code file:///path}; credentials in an https URL win over {@code
 *     user} and {@code token}
 * @param workingDirectory a directory owned by this source, where the local copies live (created
 *     when missing)
 * @param branch the branch to follow; empty follows the remote's HEAD (its default branch)
 * @param user the https user when the URL names none
 * @param token the https password or token when the URL holds none
 * @param identityFiles the ssh private keys to offer (unencrypted, OpenSSH or PEM format); the
 *     SSH agent, {@code ~/.ssh/config} and {@code ~/.ssh/id_*} are never consulted
 * @param knownHostEntries known_hosts lines (as {@code KNOWN_HOST_ENTRY}); an entry may hold several
 *     lines
 * @param knownHostFiles known_hosts files (as {@code KNOWN_HOST_FILE}), read on every connection,
 *     never written
 */
public record GitRegistrySettings(
    String repositoryUrl,
    Path workingDirectory,
    Optional<String> branch,
    Optional<String> user,
    Optional<Secret> token,
    List<Path> identityFiles,
    List<String> knownHostEntries,
    List<Path> knownHostFiles) {

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the setting at fault (never quoting a credential)
   */
  public GitRegistrySettings {
    RemoteUrl remote = RemoteUrl.parse(repositoryUrl);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(token, "token");
    identityFiles = List.copyOf(identityFiles);
    knownHostEntries = List.copyOf(knownHostEntries);
    knownHostFiles = List.copyOf(knownHostFiles);
    branch = branch.map(String::strip).filter(b -> !b.isEmpty());
    branch.ifPresent(
        b -> {
          if (!Repository.isValidRefName("refs/heads/" + b)) {
            throw new IllegalArgumentException(
                "the registry branch '" + b + "' is not a valid git branch name");
          }
        });
    if (remote.kind() == RemoteUrl.Kind.HTTP
        && (remote.password().isPresent() || token.isPresent())
        && !isLoopback(remote)) {
      throw new IllegalArgumentException(
          "the registry repository URL "
              + remote.display()
              + " is plain http: credentials would cross the network in clear; use https://");
    }
    KnownHosts.parseEntries(knownHostEntries);
  }

  /** Settings for a URL with no further credentials, following the remote's default branch. */
  public static GitRegistrySettings of(String repositoryUrl, Path workingDirectory) {
    return new GitRegistrySettings(
        repositoryUrl,
        workingDirectory,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of());
  }

  public GitRegistrySettings withBranch(String name) {
    return new GitRegistrySettings(
        repositoryUrl, workingDirectory, Optional.ofNullable(name), user, token, identityFiles,
        knownHostEntries, knownHostFiles);
  }

  public GitRegistrySettings withHttpsCredentials(String user, Secret token) {
    return new GitRegistrySettings(
        repositoryUrl, workingDirectory, branch, Optional.ofNullable(user),
        Optional.ofNullable(token), identityFiles, knownHostEntries, knownHostFiles);
  }

  public GitRegistrySettings withIdentityFiles(List<Path> files) {
    return new GitRegistrySettings(
        repositoryUrl, workingDirectory, branch, user, token, files, knownHostEntries,
        knownHostFiles);
  }

  public GitRegistrySettings withKnownHosts(List<String> entries, List<Path> files) {
    return new GitRegistrySettings(
        repositoryUrl, workingDirectory, branch, user, token, identityFiles, entries, files);
  }

  /**
   * True when {@code value} is meant as a repository URL ({@code scheme://...} or scp-like {@code
   * user@host:path}; as with git, a colon before any slash makes it scp-like), false for a plain
   * local directory, which the runner reads as it is. A URL of an unsupported kind is still a URL:
   * constructing settings from it says what is wrong.
   */
  public static boolean isRepositoryUrl(String value) {
    return value != null && RemoteUrl.looksLikeUrl(value.strip());
  }

  /**
   * The conventional private keys in {@code sshDirectory} that exist ({@code id_ed25519}, {@code
   * id_ecdsa}, {@code id_rsa}), for a runner that wants the usual default.
   */
  public static List<Path> conventionalIdentityFiles(Path sshDirectory) {
    return Stream.of("id_ed25519", "id_ecdsa", "id_rsa")
        .map(sshDirectory::resolve)
        .filter(Files::isRegularFile)
        .toList();
  }

  RemoteUrl remote() {
    return RemoteUrl.parse(repositoryUrl);
  }

  private static boolean isLoopback(RemoteUrl remote) {
    String host = java.net.URI.create(remote.gitUrl()).getHost();
    return host != null
        && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
  }

  @Override
  public String toString() {
    return "GitRegistrySettings[repositoryUrl="
        + RemoteUrl.parse(repositoryUrl).display()
        + ", workingDirectory="
        + workingDirectory
        + ", branch="
        + branch.orElse("(remote HEAD)")
        + ", user="
        + (user.isPresent() ? "***" : "none")
        + ", token="
        + (token.isPresent() ? "***" : "none")
        + ", identityFiles="
        + identityFiles
        + ", knownHostEntries="
        + knownHostEntries.size()
        + ", knownHostFiles="
        + knownHostFiles
        + "]";
  }
}
