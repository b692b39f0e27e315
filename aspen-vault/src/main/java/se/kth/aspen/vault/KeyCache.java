package se.kth.aspen.vault;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derived keys by (password, salt), least recently used first out, so a pass pays PBKDF2 only
 * for a file whose salt it has not seen (ansible-vault writes a new salt on every encryption).
 *
 * <p>An entry is found by an HMAC of the password and salt under a random key made for this
 * cache: the password is never stored, and the fingerprint is of no use outside this process.
 */
final class KeyCache {

  private final int capacity;
  private final byte[] fingerprintKey = new byte[32];
  private final Map<ByteBuffer, DerivedKeys> entries;

  KeyCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("key cache capacity must be >= 0, not " + capacity);
    }
    this.capacity = capacity;
    new SecureRandom().nextBytes(fingerprintKey);
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<ByteBuffer, DerivedKeys> eldest) {
        return size() > KeyCache.this.capacity;
      }
    };
  }

  DerivedKeys keys(byte[] password, byte[] salt) {
    if (capacity == 0) {
      return DerivedKeys.derive(password, salt);
    }
    ByteBuffer fingerprint = fingerprint(password, salt);
    synchronized (entries) {
      DerivedKeys cached = entries.get(fingerprint);
      if (cached != null) {
        return cached;
      }
    }
    // Derived outside the lock: two threads may both derive the same keys once, which is
    // cheaper than making every other file wait behind one PBKDF2.
    DerivedKeys derived = DerivedKeys.derive(password, salt);
    synchronized (entries) {
      entries.put(fingerprint, derived);
    }
    return derived;
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private ByteBuffer fingerprint(byte[] password, byte[] salt) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
      mac.update(ByteBuffer.allocate(4).putInt(password.length).array());
      mac.update(password);
      mac.update(salt);
      return ByteBuffer.wrap(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }
}
