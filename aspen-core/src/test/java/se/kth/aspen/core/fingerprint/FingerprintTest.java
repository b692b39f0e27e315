package se.kth.aspen.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {

  @TempDir Path a;
  @TempDir Path b;

  private static void write(Path dir, String relative, String content) throws Exception {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void theSameFilesWrittenInAnotherOrderGiveTheSameDigest() throws Exception {
    write(a, "docker-stack.yml", "services: {}");
    write(a, "secrets.env", "$ANSIBLE_VAULT;1.1;AES256");
    write(a, "conf/app.yml", "x: 1");
    write(b, "conf/app.yml", "x: 1");
    write(b, "secrets.env", "$ANSIBLE_VAULT;1.1;AES256");
    write(b, "docker-stack.yml", "services: {}");

    assertThat(DirectoryDigest.of(a)).isEqualTo(DirectoryDigest.of(b));
  }

  @Test
  void everyFileBelowTheDirectoryCounts() throws Exception {
    write(a, "docker-stack.yml", "services: {}");
    DirectoryDigest before = DirectoryDigest.of(a);

    write(a, "conf/deep/app.yml", "x: 1");
    DirectoryDigest added = DirectoryDigest.of(a);
    write(a, "conf/deep/app.yml", "x: 2");
    DirectoryDigest edited = DirectoryDigest.of(a);

    assertThat(before).isNotEqualTo(added);
    assertThat(added).isNotEqualTo(edited);
  }

  @Test
  void renamingAFileChangesTheDigest() throws Exception {
    write(a, "x.yml", "same");
    write(b, "y.yml", "same");

    assertThat(DirectoryDigest.of(a)).isNotEqualTo(DirectoryDigest.of(b));
  }

  @Test
  void movingBytesBetweenNameAndContentChangesTheDigest() throws Exception {
    write(a, "ab", "c");
    write(b, "a", "bc");

    assertThat(DirectoryDigest.of(a)).isNotEqualTo(DirectoryDigest.of(b));
  }

  @Test
  void filesOutsideTheDirectoryAndGitDirectoriesDoNotCount() throws Exception {
    Path app = a.resolve("app/active");
    write(app, "docker-stack.yml", "services: {}");
    DirectoryDigest before = DirectoryDigest.of(app);

    write(a, "app/stage/docker-stack.yml", "other");
    write(a, "README.md", "unrelated");
    write(app, ".git/HEAD", "ref: x");

    assertThat(DirectoryDigest.of(app)).isEqualTo(before);
  }

  @Test
  void aLinkCountsByWhereItPointsNeverByWhatItLeadsTo() throws Exception {
    write(b, "target.txt", "one");
    write(a, "docker-stack.yml", "services: {}");
    Files.createSymbolicLink(a.resolve("conf"), b.resolve("target.txt"));
    DirectoryDigest before = DirectoryDigest.of(a);

    write(b, "target.txt", "two");

    assertThat(DirectoryDigest.of(a)).isEqualTo(before);
  }

  @Test
  void theFingerprintCoversEndpointPortilloAndResolvedImagesInAnyOrder() {
    DirectoryDigest d = new DirectoryDigest("00");
    Map<String, String> one = new LinkedHashMap<>();
    one.put("WEB_VERSION", "2.9.202_3b01b96");
    one.put("API_VERSION", "1.0.0");
    Map<String, String> reversed = new LinkedHashMap<>();
    reversed.put("API_VERSION", "1.0.0");
    reversed.put("WEB_VERSION", "2.9.202_3b01b96");
    Fingerprint base = Fingerprint.of(d, "10.0.0.5:2376", "active", one);

    assertThat(Fingerprint.of(d, "10.0.0.5:2376", "active", reversed)).isEqualTo(base);
    assertThat(Fingerprint.of(d, "10.0.0.6:2376", "active", one)).isNotEqualTo(base);
    assertThat(Fingerprint.of(d, "10.0.0.5:2376", "preparing-active", one)).isNotEqualTo(base);
    assertThat(Fingerprint.of(d, "10.0.0.5:2376", "active", Map.of("WEB_VERSION", "2.9.203_3b01b96", "API_VERSION", "1.0.0")))
        .isNotEqualTo(base);
    assertThat(Fingerprint.of(new DirectoryDigest("01"), "10.0.0.5:2376", "active", one)).isNotEqualTo(base);
    assertThat(base.hex()).hasSize(64);
  }
}
