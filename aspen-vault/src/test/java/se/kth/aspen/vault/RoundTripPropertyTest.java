package se.kth.aspen.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever bytes and password, decrypt(encrypt(x)) is x, and the file has the size the format says. */
class RoundTripPropertyTest {

  private static void assertRoundTrip(AnsibleVault vault, byte[] file, byte[] password, byte[] plaintext, String label,
      int i) throws Exception {
    assertThat(AnsibleVault.isVault(file)).isTrue();
    assertThat(vault.decrypt(file, password)).as("case %d", i).isEqualTo(plaintext);
    int ciphertext = 16 * (plaintext.length / 16 + 1);
    String header = label.equals("default") ? "$ANSIBLE_VAULT;1.1;AES256" : "$ANSIBLE_VAULT;1.2;AES256;" + label;
    int body = 2 * (130 + 2 * ciphertext);
    assertThat(file).as("case %d", i).hasSize(header.length() + 1 + body + (body + 79) / 80);
  }

  @Test
  void randomPasswordsOfRandomBytesRoundTrip() throws Exception {
    // Cache off: every case runs its own PBKDF2, so these are few.
    AnsibleVault vault = new AnsibleVault(0);
    Random random = new Random(20261125L);
    for (int i = 0; i < 60; i++) {
      byte[] plaintext = new byte[random.nextInt(100)];
      random.nextBytes(plaintext);
      byte[] password = new byte[1 + random.nextInt(80)];
      random.nextBytes(password);
      String label = random.nextBoolean() ? "default" : "id" + random.nextInt(1000);

      assertRoundTrip(vault, vault.encrypt(plaintext, password, label), password, plaintext, label, i);
    }
  }

  @Test
  void randomPlaintextsOfEveryLengthRoundTrip() throws Exception {
    // One password and salt, so PBKDF2 runs once and the cipher, padding and hex layers get many cases.
    AnsibleVault vault = new AnsibleVault();
    Random random = new Random(42L);
    byte[] password = {(byte) 0xff, 0, 'p', '\n', ' '};
    byte[] salt = new byte[32];
    random.nextBytes(salt);
    for (int i = 0; i < 1500; i++) {
      byte[] plaintext = new byte[i < 1000 ? i : random.nextInt(5_000)];
      random.nextBytes(plaintext);

      assertRoundTrip(vault, vault.encrypt(plaintext, password, "default", salt), password, plaintext, "default", i);
    }
  }
}
