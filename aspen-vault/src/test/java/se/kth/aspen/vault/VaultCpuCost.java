package se.kth.aspen.vault;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;

/**
 * CPU time (not wall time) per decryption of a 200-byte secrets.env, to compare with the
 * user+sys time of an ansible-vault process on a machine whose load makes wall times noisy.
 * Not a test; run with the JMH classpath (see BENCHMARKS.md):
 * {@code java -cp ... se.kth.aspen.vault.VaultCpuCost}.
 */
final class VaultCpuCost {

  private VaultCpuCost() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    byte[] password = "app-password".getBytes(StandardCharsets.US_ASCII);
    byte[] plaintext = ("SECRET_0=value-0\n".repeat(12) + "X=12345678\n").substring(0, 199).concat("\n")
        .getBytes(StandardCharsets.US_ASCII);
    AnsibleVault cold = new AnsibleVault(0);
    AnsibleVault cached = new AnsibleVault();
    byte[] file = cached.encrypt(plaintext, password);
    for (String phase : new String[] {"warm-up", "measured"}) {
      int coldRuns = 200;
      int cachedRuns = 200_000;
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < coldRuns; i++) {
        cold.decrypt(file, password);
      }
      long middle = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < cachedRuns; i++) {
        cached.decrypt(file, password);
      }
      long end = threads.getCurrentThreadCpuTime();
      byte[] salt = new byte[32];
      for (int i = 0; i < coldRuns; i++) {
        MacPbkdf2.derive(password, salt, DerivedKeys.ITERATIONS, 80);
      }
      long afterMac = threads.getCurrentThreadCpuTime();
      System.out.printf("%s: cold %.3f ms CPU/op, key cached %.2f us CPU/op, PBKDF2 over Mac %.3f ms CPU/op%n",
          phase, (middle - start) / 1e6 / coldRuns, (end - middle) / 1e3 / cachedRuns,
          (afterMac - end) / 1e6 / coldRuns);
    }
  }
}
