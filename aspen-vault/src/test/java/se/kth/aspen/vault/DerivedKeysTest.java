package se.kth.aspen.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class DerivedKeysTest {

  @Test
  void matchesTheJdkPbkdf2ForAsciiPasswordsOfEveryLengthAroundTheHashBlock() throws Exception {
    // The JDK's PBKDF2 takes chars, so it can only check passwords whose UTF-8 is themselves.
    SecretKeyFactory jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
    Random random = new Random(3);
    for (int length : new int[] {1, 7, 31, 32, 63, 64, 65, 100, 200}) {
      char[] password = new char[length];
      for (int i = 0; i < length; i++) {
        password[i] = (char) (0x20 + random.nextInt(0x5f));
      }
      byte[] salt = new byte[1 + random.nextInt(40)];
      random.nextBytes(salt);

      byte[] expected = jdk.generateSecret(new PBEKeySpec(password, salt, 50, 640)).getEncoded();

      assertThat(DerivedKeys.pbkdf2(new String(password).getBytes(StandardCharsets.US_ASCII), salt, 50, 80))
          .as("password of %d bytes", length).isEqualTo(expected);
    }
  }

  @Test
  void matchesTheTextbookLoopOverMacForArbitraryBytes() throws Exception {
    Random random = new Random(4);
    for (int i = 0; i < 40; i++) {
      byte[] password = new byte[1 + random.nextInt(150)];
      random.nextBytes(password);
      byte[] salt = new byte[random.nextInt(64)];
      random.nextBytes(salt);

      assertThat(DerivedKeys.pbkdf2(password, salt, 20, 80)).isEqualTo(MacPbkdf2.derive(password, salt, 20, 80));
    }
  }

  @Test
  void refusesAnEmptyPassword() {
    assertThatThrownBy(() -> DerivedKeys.derive(new byte[0], new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the vault password is empty");
  }
}
