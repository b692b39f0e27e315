package se.kth.aspen.vault;

import java.nio.ByteBuffer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The textbook PBKDF2 over {@link Mac}: the reference the faster production loop is checked and timed against. */
final class MacPbkdf2 {

  private MacPbkdf2() {}

  static byte[] derive(byte[] password, byte[] salt, int iterations, int length) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(password, "HmacSHA256"));
    byte[] out = new byte[length];
    byte[] u = new byte[32];
    byte[] t = new byte[32];
    for (int block = 1, offset = 0; offset < length; block++, offset += 32) {
      mac.update(salt);
      mac.update(ByteBuffer.allocate(4).putInt(block).array());
      mac.doFinal(u, 0);
      System.arraycopy(u, 0, t, 0, 32);
      for (int i = 1; i < iterations; i++) {
        mac.update(u);
        mac.doFinal(u, 0);
        for (int k = 0; k < 32; k++) {
          t[k] ^= u[k];
        }
      }
      System.arraycopy(t, 0, out, offset, Math.min(32, length - offset));
    }
    return out;
  }
}
