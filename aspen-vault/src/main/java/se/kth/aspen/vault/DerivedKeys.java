package se.kth.aspen.vault;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The three keys ansible-vault derives from a password and a salt (VAULT.md §2): 80 bytes of
 * PBKDF2-HMAC-SHA256 with 10,000 iterations, cut into the AES-256 key, the HMAC-SHA256 key and
 * the initial CTR counter block.
 *
 * <p>PBKDF2 is written here because the JDK's {@code PBKDF2WithHmacSHA256} takes the password as
 * {@code char[]} and encodes it as UTF-8, which cannot express arbitrary password bytes (a
 * Latin-1 password file, say).
 */
record DerivedKeys(byte[] aesKey, byte[] hmacKey, byte[] counter) {

  static final int ITERATIONS = 10_000;
  private static final int LENGTH = 80;
  private static final int HASH_LENGTH = 32;
  private static final int BLOCK_LENGTH = 64;

  static DerivedKeys derive(byte[] password, byte[] salt) {
    byte[] material = pbkdf2(password, salt, ITERATIONS, LENGTH);
    DerivedKeys keys = new DerivedKeys(
        Arrays.copyOfRange(material, 0, 32), Arrays.copyOfRange(material, 32, 64), Arrays.copyOfRange(material, 64, 80));
    Arrays.fill(material, (byte) 0);
    return keys;
  }

  /**
   * PBKDF2 with HMAC-SHA256 as the PRF. The HMAC is computed from SHA-256 states that have
   * already absorbed the padded key ({@code ipad}, {@code opad}) and are cloned per call, which
   * halves the compression-function runs compared with {@code Mac} (it re-hashes the key pad on
   * every call); the cold decryption of a file is almost all this loop.
   */
  static byte[] pbkdf2(byte[] password, byte[] salt, int iterations, int length) {
    if (password.length == 0) {
      throw new IllegalArgumentException("the vault password is empty");
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] key = password.length > BLOCK_LENGTH ? sha256.digest(password) : password;
      byte[] pad = new byte[BLOCK_LENGTH];
      MessageDigest inner = padded(sha256, key, pad, (byte) 0x36);
      MessageDigest outer = padded(sha256, key, pad, (byte) 0x5c);
      byte[] out = new byte[length];
      byte[] u = new byte[HASH_LENGTH];
      byte[] t = new byte[HASH_LENGTH];
      for (int block = 1, offset = 0; offset < length; block++, offset += HASH_LENGTH) {
        MessageDigest first = (MessageDigest) inner.clone();
        first.update(salt);
        first.update(ByteBuffer.allocate(4).putInt(block).array());
        hmacFinish(outer, first, u);
        System.arraycopy(u, 0, t, 0, HASH_LENGTH);
        for (int i = 1; i < iterations; i++) {
          MessageDigest next = (MessageDigest) inner.clone();
          next.update(u);
          hmacFinish(outer, next, u);
          for (int k = 0; k < HASH_LENGTH; k++) {
            t[k] ^= u[k];
          }
        }
        System.arraycopy(t, 0, out, offset, Math.min(HASH_LENGTH, length - offset));
      }
      Arrays.fill(u, (byte) 0);
      Arrays.fill(t, (byte) 0);
      return out;
    } catch (GeneralSecurityException | CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 cannot be used for PBKDF2", e);
    }
  }

  private static MessageDigest padded(MessageDigest sha256, byte[] key, byte[] pad, byte value)
      throws CloneNotSupportedException {
    Arrays.fill(pad, value);
    for (int i = 0; i < key.length; i++) {
      pad[i] ^= key[i];
    }
    MessageDigest state = (MessageDigest) sha256.clone();
    state.reset();
    state.update(pad);
    Arrays.fill(pad, (byte) 0);
    return state;
  }

  /** Finishes {@code inner}, runs the outer hash over it, and leaves the HMAC in {@code out}. */
  private static void hmacFinish(MessageDigest outerStart, MessageDigest inner, byte[] out)
      throws CloneNotSupportedException, java.security.DigestException {
    inner.digest(out, 0, HASH_LENGTH);
    MessageDigest outer = (MessageDigest) outerStart.clone();
    outer.update(out);
    outer.digest(out, 0, HASH_LENGTH);
  }

  @Override
  public String toString() {
    return "DerivedKeys[hidden]";
  }
}
