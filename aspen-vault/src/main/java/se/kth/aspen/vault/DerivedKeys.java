package se.kth.aspen.vault;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The three keys ansible-vault derives from a password and a salt (VAULT.md §2): 80 bytes of
 * PBKDF2-HMAC-SHA256 with 10,000 iterations, cut into the AES-256 key, the HMAC-SHA256 key and
 * the initial CTR counter block.
 *
 * <p>PBKDF2 is written over {@link Mac} because the JDK's {@code PBKDF2WithHmacSHA256} takes the
 * password as {@code char[]} and encodes it as UTF-8, which cannot express arbitrary password
 * bytes (a Latin-1 password file, say).
 */
record DerivedKeys(byte[] aesKey, byte[] hmacKey, byte[] counter) {

  static final int ITERATIONS = 10_000;
  private static final int LENGTH = 80;
  private static final int HASH_LENGTH = 32;

  static DerivedKeys derive(byte[] password, byte[] salt) {
    byte[] material = pbkdf2(password, salt, ITERATIONS, LENGTH);
    DerivedKeys keys = new DerivedKeys(
        Arrays.copyOfRange(material, 0, 32), Arrays.copyOfRange(material, 32, 64), Arrays.copyOfRange(material, 64, 80));
    Arrays.fill(material, (byte) 0);
    return keys;
  }

  static byte[] pbkdf2(byte[] password, byte[] salt, int iterations, int length) {
    if (password.length == 0) {
      throw new IllegalArgumentException("the vault password is empty");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(password, "HmacSHA256"));
      byte[] out = new byte[length];
      byte[] u = new byte[HASH_LENGTH];
      byte[] t = new byte[HASH_LENGTH];
      for (int block = 1, offset = 0; offset < length; block++, offset += HASH_LENGTH) {
        mac.update(salt);
        mac.update(ByteBuffer.allocate(4).putInt(block).array());
        mac.doFinal(u, 0);
        System.arraycopy(u, 0, t, 0, HASH_LENGTH);
        for (int i = 1; i < iterations; i++) {
          mac.update(u);
          mac.doFinal(u, 0);
          for (int k = 0; k < HASH_LENGTH; k++) {
            t[k] ^= u[k];
          }
        }
        System.arraycopy(t, 0, out, offset, Math.min(HASH_LENGTH, length - offset));
      }
      Arrays.fill(u, (byte) 0);
      Arrays.fill(t, (byte) 0);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "DerivedKeys[hidden]";
  }
}
