package se.kth.aspen.core.pass;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import se.kth.aspen.core.compose.VersionRequest;
import se.kth.aspen.core.fingerprint.DigestCache;
import se.kth.aspen.core.fingerprint.DirectoryDigest;
import se.kth.aspen.core.fingerprint.Fingerprint;
import se.kth.aspen.core.port.RegistrySnapshot;

/**
 * What one {@link Pass} remembers from its previous passes so that a pass over an unchanged
 * registry costs no file reading: the targets discovered, and per target directory its digest
 * and version requests, and the fingerprint last computed with what it was computed from.
 *
 * <p>Kept from pass to pass only when the registry source says which paths changed since its
 * previous snapshot (a git source does; a plain directory cannot). Without that, every directory
 * is listed each pass and its digest recalled from the {@link DigestCache} while its listing is
 * unchanged, and what is remembered holds for the one pass. A changed path
 * forgets every directory above it; a changed path named {@code docker-stack.yml} (a stack added,
 * removed or moved) forgets the discovery as well.
 */
final class PassMemory {

  /** A directory as hashed: its digest and the version ranges its stack asks for. */
  record Hashed(DirectoryDigest digest, List<VersionRequest> versionRequests) {
    Hashed {
      versionRequests = List.copyOf(versionRequests);
    }
  }

  private record Seen(Path root, Discovery.Output found) {}

  /** A fingerprint and every input it was computed from: reused only when all are equal. */
  private record Fingerprinted(DirectoryDigest digest, String endpoint, String portilloCluster,
      Map<String, String> resolved, Fingerprint fingerprint) {
    boolean of(DirectoryDigest d, String e, String p, Map<String, String> r) {
      return digest.equals(d) && endpoint.equals(e) && portilloCluster.equals(p) && resolved.equals(r);
    }
  }

  private volatile Seen seen;
  private final Map<String, Hashed> directories = new ConcurrentHashMap<>();
  private final Map<String, Fingerprinted> fingerprints = new ConcurrentHashMap<>();
  // Content-safe whatever the source says (it checks each directory's listing), so it outlives
  // what begin() forgets: it is what keeps a pass cheap when changes are unknown.
  private final DigestCache<Hashing.Output> digests = new DigestCache<>(Clock.systemUTC());

  /** Digests by directory listing, for passes whose source cannot say what changed. */
  DigestCache<Hashing.Output> digests() {
    return digests;
  }

  /**
   * Starts a pass over the snapshot: forgets what its changes invalidate.
   *
   * @return the previous discovery, when it still holds
   */
  synchronized Optional<Discovery.Output> begin(RegistrySnapshot snapshot) {
    Seen before = seen;
    if (before == null || !before.root().equals(snapshot.root()) || snapshot.changedPaths().isEmpty()) {
      seen = null;
      directories.clear();
      return Optional.empty();
    }
    Set<String> changed = snapshot.changedPaths().get();
    boolean stacksMoved = false;
    for (String path : changed) {
      stacksMoved |= path.equals(Discovery.STACK_FILE) || path.endsWith("/" + Discovery.STACK_FILE);
      for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
        directories.remove(path.substring(0, slash));
      }
    }
    if (stacksMoved) {
      seen = null;
      return Optional.empty();
    }
    return Optional.of(before.found());
  }

  /** Remembers a fresh discovery, to be reused while no stack file is added, removed or moved. */
  synchronized void discovered(RegistrySnapshot snapshot, Discovery.Output found) {
    seen = snapshot.changedPaths().isPresent() ? new Seen(snapshot.root(), found.withoutTree()) : null;
    digests.retainOnly(found.targets().stream().map(AppTarget::directory).toList());
    Set<String> present = found.targets().stream().map(PassMemory::directoryOf).collect(Collectors.toSet());
    fingerprints.keySet().retainAll(present);
  }

  /**
   * The target's fingerprint ({@link Fingerprint#of}), recalled when it was last computed from
   * the same inputs: a SHA-256 per target per pass is a noticeable part of a no-change pass.
   * Safe whatever changed, as every input is compared.
   */
  Fingerprint fingerprint(AppTarget target, DirectoryDigest digest, String endpoint, String portilloCluster,
      Map<String, String> resolved) {
    String directory = directoryOf(target);
    Fingerprinted last = fingerprints.get(directory);
    if (last != null && last.of(digest, endpoint, portilloCluster, resolved)) {
      return last.fingerprint();
    }
    Fingerprint computed = Fingerprint.of(digest, endpoint, portilloCluster, resolved);
    fingerprints.put(directory, new Fingerprinted(digest, endpoint, portilloCluster, Map.copyOf(resolved), computed));
    return computed;
  }

  Optional<Hashed> hashed(AppTarget target) {
    return Optional.ofNullable(directories.get(directoryOf(target)));
  }

  /**
   * Remembers a directory as hashed in this pass. When the source cannot say what changed, it is
   * kept for this pass only ({@link #begin} forgets it): {@link Scouting} hashes ahead of the
   * target's own run, which must not hash again.
   */
  void remember(AppTarget target, Hashed hashed) {
    directories.put(directoryOf(target), hashed);
  }

  private static String directoryOf(AppTarget target) {
    String path = target.stackPath();
    return path.substring(0, path.lastIndexOf('/'));
  }
}
