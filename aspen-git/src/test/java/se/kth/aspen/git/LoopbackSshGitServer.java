package se.kth.aspen.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH server on 127.0.0.1 (Apache MINA sshd, in this JVM) that serves the bare
 * repositories under a directory to {@code git-upload-pack}, running JGit's {@link UploadPack}:
 * what GitHub or a self-hosted git server does for a clone or fetch over ssh. It accepts one
 * client key and presents one host key.
 */
final class LoopbackSshGitServer implements AutoCloseable {

  private final SshServer server;
  private final KeyPair hostKey;

  private LoopbackSshGitServer(SshServer server, KeyPair hostKey) {
    this.server = server;
    this.hostKey = hostKey;
  }

  /** Starts on {@code port} (0: a free one) and returns once it listens. */
  static LoopbackSshGitServer start(Path repositories, KeyPair hostKey, PublicKey clientKey, int port)
      throws IOException {
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(port);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setCommandFactory((channel, command) -> new UploadPackCommand(repositories, command));
    server.start();
    return new LoopbackSshGitServer(server, hostKey);
  }

  static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  /** Writes the key pair's private key as an unencrypted OpenSSH key file. */
  static Path writePrivateKey(KeyPair keyPair, Path file) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, "aspen-test", null, out);
    }
    return file;
  }

  int port() {
    return server.getPort();
  }

  String url(String repository) {
    return "ssh://git@127.0.0.1:" + port() + "/" + repository;
  }

  /** This server's known_hosts line. */
  String knownHostsLine() {
    return knownHostsLine(port(), hostKey.getPublic());
  }

  static String knownHostsLine(int port, PublicKey key) {
    return "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(key);
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** {@code git-upload-pack '/name.git'}: serves one repository under the root, nothing else. */
  private static final class UploadPackCommand implements Command {

    private final Path root;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    UploadPackCommand(Path root, String command) {
      this.root = root;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment environment) {
      Thread.ofVirtual().name("upload-pack").start(this::serve);
    }

    private void serve() {
      String verb = "git-upload-pack ";
      if (!command.startsWith(verb)) {
        fail("only git-upload-pack is served, not: " + command);
        return;
      }
      String name = command.substring(verb.length()).strip().replaceAll("^'|'$", "");
      Path repository = root.resolve(name.replaceFirst("^/+", "")).normalize();
      if (!repository.startsWith(root) || !Files.isDirectory(repository)) {
        fail("fatal: '" + name + "' does not appear to be a git repository");
        return;
      }
      try (Repository git = new FileRepositoryBuilder().setGitDir(repository.toFile()).setMustExist(true).build()) {
        new UploadPack(git).upload(in, out, err);
        out.flush();
        exit.onExit(0);
      } catch (IOException | RuntimeException e) {
        fail(e.toString());
      }
    }

    private void fail(String message) {
      try {
        err.write((message + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        err.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        exit.onExit(128, message);
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
