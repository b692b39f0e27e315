package se.kth.aspen.swarm.registry;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code docker-registry} of the test's own serving https on a free loopback port, with a
 * certificate made for the test (for the name {@code localhost} only, not for 127.0.0.1), over the
 * shared registry's storage in read-only mode (so it holds the same images and cannot change
 * them) and with the shared registry's users. {@link #trusting()} trusts that certificate through
 * a trust store written by {@code keytool}, as an operator would.
 */
final class TlsRegistry implements AutoCloseable {

  private static final Path SHARED = Path.of("/var/lib/aspen-testenv/registry");

  private final Path dir;
  private final int port;
  private final Process process;

  TlsRegistry(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(), "-days", "1",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost");
    run("keytool", "-importcert", "-noprompt", "-alias", "test-registry", "-file", dir.resolve("cert.pem").toString(),
        "-keystore", dir.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", "test-only");
    this.port = freePort();
    Path config = dir.resolve("config.yml");
    Files.writeString(config, "version: 0.1\n"
        + "log: {level: warn, accesslog: {disabled: true}}\n"
        + "storage: {filesystem: {rootdirectory: " + SHARED.resolve("data") + "},"
        + " maintenance: {readonly: {enabled: true}, uploadpurging: {enabled: false}}}\n"
        + "http: {addr: 127.0.0.1:" + port + ", secret: it-only, tls: {certificate: " + dir.resolve("cert.pem")
        + ", key: " + dir.resolve("key.pem") + "}}\n"
        + "auth: {htpasswd: {realm: aspen-it-tls-registry, path: " + SHARED.resolve("htpasswd") + "}}\n");
    this.process = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("registry.log").toFile()).start();
    await().atMost(Duration.ofSeconds(20)).until(this::listening);
  }

  int port() {
    return port;
  }

  /** A TLS context trusting the certificate of this registry only. */
  SSLContext trusting() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("trust.p12"))) {
      store.load(in, "test-only".toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private boolean listening() {
    if (!process.isAlive()) {
      throw new IllegalStateException("docker-registry exited: " + log());
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("registry.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process tool = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String output = new String(tool.getInputStream().readAllBytes());
    if (tool.waitFor() != 0) {
      throw new IllegalStateException(command[0] + " failed: " + output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
