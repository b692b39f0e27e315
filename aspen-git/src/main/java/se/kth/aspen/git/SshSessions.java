package se.kth.aspen.git;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * JGit's Apache MINA sshd transport, configured so that nothing ambient takes part: host keys
 * come only from {@link KnownHosts}, identities only from the settings, and {@code ~/.ssh/config},
 * {@code ~/.ssh/known_hosts}, default {@code ~/.ssh/id_*} keys and the SSH agent are not used.
 */
final class SshSessions {

  private SshSessions() {}

  static SshdSessionFactory create(KnownHosts knownHosts, List<Path> identityFiles, Path ownDirectory) {
    File own = ownDirectory.toFile();
    return new SshdSessionFactoryBuilder()
        .setHomeDirectory(own)
        .setSshDirectory(own)
        .setConfigFile(sshDirectory -> null)
        .setDefaultKnownHostsFiles(sshDirectory -> List.of())
        .setServerKeyDatabase((home, sshDirectory) -> knownHosts)
        .setDefaultIdentities(sshDirectory -> identityFiles)
        .setPreferredAuthentications("publickey")
        .setConnectorFactory(null)
        .build(null);
  }
}
