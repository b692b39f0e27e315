package se.kth.aspen.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import se.kth.aspen.core.port.SecretEnvironment;

/**
 * Unlocking one application's 200-byte {@code secrets.env}: cold (PBKDF2 every time, as on the
 * first pass after the file changed), with the key cached (every later pass), and through the
 * whole store (re-reading key, passwords file and secrets.env from disk, parsing the env file).
 * Compare with one {@code ansible-vault decrypt} process, measured outside the JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VaultDecryptBenchmark {

  private static final byte[] PASSWORD = "app-password".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SALT = new byte[32];

  private byte[] secretsEnv;
  private AnsibleVault uncached;
  private AnsibleVault cached;
  private Path dir;
  private Path secretsFile;
  private VaultSecretStore store;

  @Setup
  public void setUp() throws Exception {
    StringBuilder plaintext = new StringBuilder();
    for (int i = 0; plaintext.length() < 190; i++) {
      plaintext.append("SECRET_").append(i).append("=value-").append(i * 7919).append('\n');
    }
    byte[] bytes = plaintext.substring(0, 199).concat("\n").getBytes(StandardCharsets.US_ASCII);
    uncached = new AnsibleVault(0);
    cached = new AnsibleVault();
    secretsEnv = cached.encrypt(bytes, PASSWORD);
    cached.decrypt(secretsEnv, PASSWORD);

    dir = Files.createTempDirectory("vault-bench");
    Path key = Files.writeString(dir.resolve("vault.key"), "master\n");
    Path passwords = Files.write(dir.resolve("passwords.yml"),
        cached.encrypt("bench: app-password\n".getBytes(StandardCharsets.US_ASCII), "master".getBytes(StandardCharsets.US_ASCII)));
    secretsFile = Files.write(dir.resolve("secrets.env"), secretsEnv);
    store = new VaultSecretStore(key, passwords, cached);
    store.environment("bench", secretsFile);
  }

  @TearDown
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Benchmark
  public byte[] decryptCold() throws VaultException {
    return uncached.decrypt(secretsEnv, PASSWORD);
  }

  /** The same key derivation over {@code Mac}, the textbook way, for comparison with the loop in DerivedKeys. */
  @Benchmark
  public byte[] pbkdf2OverMac() throws Exception {
    return MacPbkdf2.derive(PASSWORD, SALT, DerivedKeys.ITERATIONS, 80);
  }

  @Benchmark
  public byte[] pbkdf2OverDigestStates() {
    return DerivedKeys.pbkdf2(PASSWORD, SALT, DerivedKeys.ITERATIONS, 80);
  }

  @Benchmark
  public byte[] decryptKeyCached() throws VaultException {
    return cached.decrypt(secretsEnv, PASSWORD);
  }

  @Benchmark
  public SecretEnvironment storeEnvironmentCached() throws Exception {
    return store.environment("bench", secretsFile);
  }
}
