package se.kth.aspen.git;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Strict ssh host key checking against {@code KNOWN_HOST_ENTRY} lines and {@code KNOWN_HOST_FILE}
 * files: a host is accepted only when one of its listed keys is the key it presents. Nothing is
 * ever added, asked or accepted on first use; {@code @revoked} keys are refused and {@code
 * @cert-authority} lines are not used.
 *
 * <p>Why a rejection happened is kept until {@link #takeRejection()}, because JGit only reports
 * that the server key did not validate.
 */
final class KnownHosts implements ServerKeyDatabase {

  private static final String REVOKED = "revoked";

  private final List<KnownHostEntry> entries;
  private final List<Path> files;
  private final AtomicReference<String> rejection = new AtomicReference<>();

  KnownHosts(List<String> entryLines, List<Path> files) {
    this.entries = parseEntries(entryLines);
    this.files = List.copyOf(files);
  }

  /**
   * Parses known_hosts lines (blank lines and comments skipped).
   *
   * @throws IllegalArgumentException naming the line that is not a known_hosts entry
   */
  static List<KnownHostEntry> parseEntries(List<String> entryLines) {
    List<KnownHostEntry> parsed = new ArrayList<>();
    for (String entry : entryLines) {
      for (String line : entry.split("\\R")) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        KnownHostEntry known;
        try {
          known = KnownHostEntry.parseKnownHostEntry(text);
        } catch (RuntimeException e) {
          known = null;
        }
        if (known == null || known.getKeyEntry() == null || resolve(known).isEmpty()) {
          throw new IllegalArgumentException(
              "the known host entry '" + abbreviate(text) + "' is not a known_hosts line"
                  + " (expected: host[,host...] key-type base64-key)");
        }
        parsed.add(known);
      }
    }
    return List.copyOf(parsed);
  }

  @Override
  public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
    HostAndPort host = HostAndPort.of(connectAddress);
    List<PublicKey> keys = new ArrayList<>();
    for (KnownHostEntry entry : all(new ArrayList<>())) {
      if (entry.getMarker() == null && host.matches(entry)) {
        resolve(entry).ifPresent(keys::add);
      }
    }
    return keys;
  }

  @Override
  public boolean accept(
      String connectAddress,
      InetSocketAddress remoteAddress,
      PublicKey serverKey,
      Configuration config,
      CredentialsProvider provider) {
    HostAndPort host = HostAndPort.of(connectAddress);
    List<String> problems = new ArrayList<>();
    List<KnownHostEntry> known = all(problems);
    // Revocation first: a revoked key stays refused wherever else it is listed.
    for (KnownHostEntry entry : known) {
      if (REVOKED.equals(entry.getMarker())
          && host.matches(entry)
          && resolve(entry).filter(key -> KeyUtils.compareKeys(key, serverKey)).isPresent()) {
        reject("the ssh host key of " + connectAddress + " (" + fingerprint(serverKey)
            + ") is marked @revoked in the known hosts");
        return false;
      }
    }
    boolean listed = false;
    for (KnownHostEntry entry : known) {
      if (entry.getMarker() != null || !host.matches(entry)) {
        continue;
      }
      Optional<PublicKey> key = resolve(entry);
      if (key.isPresent()) {
        listed = true;
        if (KeyUtils.compareKeys(key.get(), serverKey)) {
          return true;
        }
      }
    }
    String sources = describeSources(problems);
    if (listed) {
      reject("the ssh host key of " + connectAddress + " has CHANGED: it presented "
          + KeyUtils.getKeyType(serverKey) + " " + fingerprint(serverKey)
          + ", which is not the key listed for it in " + sources
          + "; refusing to connect (if the change is expected, replace the known host entry)");
    } else {
      reject("the ssh host " + connectAddress + " is unknown: no key is listed for it in "
          + sources + "; refusing to connect (to trust it, add its known_hosts line, key "
          + KeyUtils.getKeyType(serverKey) + " " + fingerprint(serverKey)
          + ", to KNOWN_HOST_ENTRY or KNOWN_HOST_FILE)");
    }
    return false;
  }

  /** Why the last host key was refused, cleared by the call. */
  Optional<String> takeRejection() {
    return Optional.ofNullable(rejection.getAndSet(null));
  }

  void forgetRejection() {
    rejection.set(null);
  }

  private void reject(String why) {
    rejection.set(why);
  }

  private List<KnownHostEntry> all(List<String> problems) {
    List<KnownHostEntry> result = new ArrayList<>(entries);
    for (Path file : files) {
      try {
        if (Files.isRegularFile(file)) {
          result.addAll(KnownHostEntry.readKnownHostEntries(file));
        } else {
          problems.add(file + " (missing)");
        }
      } catch (NoSuchFileException e) {
        problems.add(file + " (missing)");
      } catch (IOException | RuntimeException e) {
        problems.add(file + " (unreadable: " + e.getMessage() + ")");
      }
    }
    return result;
  }

  private String describeSources(List<String> problems) {
    List<String> sources = new ArrayList<>();
    sources.add(entries.isEmpty() ? "KNOWN_HOST_ENTRY (none given)" : "KNOWN_HOST_ENTRY");
    for (Path file : files) {
      String problem =
          problems.stream().filter(p -> p.startsWith(file.toString())).findFirst().orElse(null);
      sources.add(problem != null ? problem : file.toString());
    }
    if (files.isEmpty()) {
      sources.add("KNOWN_HOST_FILE (none given)");
    }
    return String.join(", ", sources);
  }

  private static Optional<PublicKey> resolve(KnownHostEntry entry) {
    try {
      return Optional.ofNullable(
          entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String fingerprint(PublicKey key) {
    return KeyUtils.getFingerPrint(key);
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  /** A host as JGit names it for known_hosts: {@code host} on port 22, else {@code [host]:port}. */
  private record HostAndPort(String host, int port) {

    static HostAndPort of(String connectAddress) {
      if (connectAddress.startsWith("[")) {
        int close = connectAddress.indexOf(']');
        if (close > 0 && connectAddress.startsWith(":", close + 1)) {
          return new HostAndPort(
              connectAddress.substring(1, close),
              Integer.parseInt(connectAddress.substring(close + 2)));
        }
      }
      return new HostAndPort(connectAddress, 22);
    }

    boolean matches(KnownHostEntry entry) {
      return entry.isHostMatch(host, port);
    }
  }
}
