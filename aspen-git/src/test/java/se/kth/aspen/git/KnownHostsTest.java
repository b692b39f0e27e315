package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Strict host key checking, straight against the database JGit consults. */
class KnownHostsTest {

  private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 2222);
  private PublicKey key;
  private PublicKey otherKey;

  @BeforeEach
  void keys() throws Exception {
    key = LoopbackSshGitServer.newKeyPair().getPublic();
    otherKey = LoopbackSshGitServer.newKeyPair().getPublic();
  }

  private static boolean accepts(KnownHosts known, String connectAddress, PublicKey presented) {
    return known.accept(connectAddress, ADDRESS, presented, null, null);
  }

  @Test
  void aHashedHostNameIsMatched() throws Exception {
    byte[] salt = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(salt, "HmacSHA1"));
    byte[] hash = mac.doFinal("[git.example.org]:2222".getBytes(StandardCharsets.US_ASCII));
    Base64.Encoder base64 = Base64.getEncoder();
    String line = "|1|" + base64.encodeToString(salt) + "|" + base64.encodeToString(hash) + " " + PublicKeyEntry.toString(key);

    KnownHosts known = new KnownHosts(List.of(line), List.of());

    assertThat(accepts(known, "[git.example.org]:2222", key)).isTrue();
    assertThat(accepts(known, "[git.example.org]:2222", otherKey)).isFalse();
    assertThat(accepts(known, "git.example.org", key)).isFalse();
  }

  @Test
  void oneEntryMayHoldSeveralLines() {
    String entry =
        "other.example.org " + PublicKeyEntry.toString(otherKey) + "\n"
            + "git.example.org,10.0.0.7 " + PublicKeyEntry.toString(key) + "\n";

    KnownHosts known = new KnownHosts(List.of(entry), List.of());

    assertThat(accepts(known, "git.example.org", key)).isTrue();
    assertThat(accepts(known, "10.0.0.7", key)).isTrue();
    assertThat(known.lookup("git.example.org", ADDRESS, null)).containsExactly(key);
  }

  @Test
  void aKeyOnAnotherPortIsNotTrustedForThisOne() {
    KnownHosts known = new KnownHosts(List.of("git.example.org " + PublicKeyEntry.toString(key)), List.of());

    assertThat(accepts(known, "[git.example.org]:2222", key)).isFalse();
    assertThat(known.takeRejection().orElseThrow()).startsWith("the ssh host [git.example.org]:2222 is unknown");
  }

  @Test
  void aRevokedKeyIsRefusedEvenWhenAlsoListedAsValid() {
    KnownHosts known =
        new KnownHosts(
            List.of(
                "git.example.org " + PublicKeyEntry.toString(key),
                "@revoked * " + PublicKeyEntry.toString(key)),
            List.of());

    assertThat(accepts(known, "git.example.org", key)).isFalse();
    assertThat(known.takeRejection().orElseThrow())
        .startsWith("the ssh host key of git.example.org (SHA256:")
        .endsWith(") is marked @revoked in the known hosts");
  }

  @Test
  void aMissingKnownHostsFileIsNamedInTheRefusal() {
    KnownHosts known = new KnownHosts(List.of(), List.of(java.nio.file.Path.of("/nonexistent/known_hosts")));

    assertThat(accepts(known, "git.example.org", key)).isFalse();
    assertThat(known.takeRejection().orElseThrow())
        .contains("no key is listed for it in KNOWN_HOST_ENTRY (none given), /nonexistent/known_hosts (missing);");
    assertThat(known.takeRejection()).isEmpty();
  }
}
