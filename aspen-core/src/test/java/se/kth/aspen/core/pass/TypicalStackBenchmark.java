package se.kth.aspen.core.pass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.fingerprint.DirectoryDigest;
import se.kth.aspen.core.fingerprint.Fingerprint;
import se.kth.aspen.core.policy.Policies;
import se.kth.aspen.core.policy.PolicySettings;
import se.kth.aspen.core.policy.Violation;

/** What a changed app costs before any port call: read (parse, interpolate, model), check, fingerprint. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TypicalStackBenchmark {

  private Path dir;
  private final StackReader reader = new StackReader();
  private final Policies policies = Policies.of(PolicySettings.DEFAULT);

  @Setup(Level.Trial)
  public void stack() throws IOException {
    dir = Files.createTempDirectory("aspen-stack-bench");
    Files.writeString(dir.resolve("docker-stack.yml"), TestRegistry.stack("registry.example.org/app:${WEB_VERSION}",
        "      WEB_VERSION: ~2.9.0\n      DB_HOST: db.example.org\n", "    env_file:\n      - secrets.decrypted.env\n"));
    Files.writeString(dir.resolve("secrets.env"), "$ANSIBLE_VAULT;1.1;AES256\n" + "3".repeat(2000) + "\n");
  }

  @Benchmark
  public Object readCheckFingerprint() throws Exception {
    StackModel model = reader.read(dir.resolve("docker-stack.yml"), "team/app/active/docker-stack.yml",
        Map.of("WEB_VERSION", "2.9.202_3b01b96", "APPLICATION_NAME", "app", "PORTILLO_CLUSTER", "active"));
    List<Violation> violations = policies.check(model, "app");
    Fingerprint fp = Fingerprint.of(DirectoryDigest.of(dir), "10.0.0.5:2376", "active", Map.of("WEB_VERSION", "2.9.202_3b01b96"));
    return List.of(model, violations, fp);
  }
}
