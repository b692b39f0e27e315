package se.kth.aspen.vault;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CTR with PKCS#7 padding and an HMAC-SHA256 over the ciphertext, in ansible-vault's
 * order: the HMAC is checked (in constant time) before anything is decrypted.
 */
final class VaultCipher {

  private static final int BLOCK = 16;

  private VaultCipher() {}

  static byte[] decrypt(VaultEnvelope envelope, DerivedKeys keys, String subject) throws VaultException {
    byte[] expected = hmac(keys, envelope.ciphertext());
    if (!MessageDigest.isEqual(expected, envelope.hmac())) {
      throw new WrongPasswordException(
          subject + ": wrong password or corrupted file (the vault's HMAC does not match)");
    }
    byte[] padded = ctr(Cipher.DECRYPT_MODE, keys, envelope.ciphertext());
    int length = unpaddedLength(padded);
    if (length < 0) {
      Arrays.fill(padded, (byte) 0);
      throw new CorruptVaultException(subject
          + ": corrupt vault: the HMAC matches but the padding is invalid, so it was encrypted wrongly");
    }
    byte[] plaintext = Arrays.copyOf(padded, length);
    Arrays.fill(padded, (byte) 0);
    return plaintext;
  }

  /** Encrypts already padded (or, in tests, deliberately unpadded) bytes and MACs them. */
  static byte[][] encryptPadded(byte[] padded, DerivedKeys keys) {
    byte[] ciphertext = ctr(Cipher.ENCRYPT_MODE, keys, padded);
    return new byte[][] {ciphertext, hmac(keys, ciphertext)};
  }

  /** PKCS#7 to 16 bytes, always 1 to 16 bytes added, even though CTR does not need it. */
  static byte[] pad(byte[] plaintext) {
    int padding = BLOCK - plaintext.length % BLOCK;
    byte[] padded = Arrays.copyOf(plaintext, plaintext.length + padding);
    Arrays.fill(padded, plaintext.length, padded.length, (byte) padding);
    return padded;
  }

  /** The length without padding, or -1 when the padding is not valid PKCS#7. */
  private static int unpaddedLength(byte[] padded) {
    if (padded.length == 0 || padded.length % BLOCK != 0) {
      return -1;
    }
    int padding = padded[padded.length - 1] & 0xFF;
    if (padding < 1 || padding > BLOCK) {
      return -1;
    }
    for (int i = padded.length - padding; i < padded.length; i++) {
      if ((padded[i] & 0xFF) != padding) {
        return -1;
      }
    }
    return padded.length - padding;
  }

  private static byte[] hmac(DerivedKeys keys, byte[] ciphertext) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keys.hmacKey(), "HmacSHA256"));
      return mac.doFinal(ciphertext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  private static byte[] ctr(int mode, DerivedKeys keys, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(mode, new SecretKeySpec(keys.aesKey(), "AES"), new IvParameterSpec(keys.counter()));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES/CTR/NoPadding", e);
    }
  }
}
