package se.kth.aspen.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyCacheTest {

  private static final byte[] PASSWORD = "pw".getBytes(StandardCharsets.US_ASCII);

  @Test
  void aSecondDecryptionOfTheSameFileReusesTheKeys() throws Exception {
    KeyCache cache = new KeyCache(4);
    byte[] salt = WorkedExamplesTest.range(0, 32);

    DerivedKeys first = cache.keys(PASSWORD, salt);

    assertThat(cache.keys(PASSWORD.clone(), salt.clone())).isSameAs(first);
    assertThat(cache.keys("pW".getBytes(StandardCharsets.US_ASCII), salt)).isNotSameAs(first);
    assertThat(cache.keys(PASSWORD, WorkedExamplesTest.range(1, 32))).isNotSameAs(first);
  }

  @Test
  void passwordAndSaltCannotBeShiftedIntoEachOther() {
    KeyCache cache = new KeyCache(4);

    DerivedKeys ab = cache.keys("ab".getBytes(StandardCharsets.US_ASCII), "c".getBytes(StandardCharsets.US_ASCII));

    assertThat(cache.keys("a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII)))
        .isNotSameAs(ab);
  }

  @Test
  void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
    KeyCache cache = new KeyCache(2);
    DerivedKeys a = cache.keys(PASSWORD, WorkedExamplesTest.range(0, 16));
    cache.keys(PASSWORD, WorkedExamplesTest.range(1, 16));
    cache.keys(PASSWORD, WorkedExamplesTest.range(0, 16));
    cache.keys(PASSWORD, WorkedExamplesTest.range(2, 16));

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.keys(PASSWORD, WorkedExamplesTest.range(0, 16))).isSameAs(a);
  }

  @Test
  void aCodecRemembersTheKeysOfFilesItDecrypted() throws Exception {
    AnsibleVault vault = new AnsibleVault();
    byte[] file = WorkedExamplesTest.EXAMPLE_3_FILE.getBytes(StandardCharsets.US_ASCII);

    vault.decrypt(file, "unit-test".getBytes(StandardCharsets.US_ASCII));
    vault.decrypt(file, "unit-test".getBytes(StandardCharsets.US_ASCII));

    assertThat(vault.cachedKeys()).isEqualTo(1);
    assertThat(new DerivedKeys(new byte[1], new byte[1], new byte[1])).hasToString("DerivedKeys[hidden]");
  }
}
