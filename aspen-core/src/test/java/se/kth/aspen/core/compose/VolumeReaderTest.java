package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VolumeReaderTest {

  @TempDir Path dir;

  @Test
  void shortFormsTellBindsFromNamedAndAnonymousVolumes() {
    assertThat(VolumeReader.shortForm("data:/data"))
        .isEqualTo(new VolumeMount("volume", Optional.of("data"), "/data", false, Map.of()));
    assertThat(VolumeReader.shortForm("/tmp/sd:/host:ro"))
        .isEqualTo(new VolumeMount("bind", Optional.of("/tmp/sd"), "/host", true, Map.of()));
    assertThat(VolumeReader.shortForm("./conf/app.yml:/etc/app.yml"))
        .isEqualTo(new VolumeMount("bind", Optional.of("./conf/app.yml"), "/etc/app.yml", false, Map.of()));
    assertThat(VolumeReader.shortForm("/anon"))
        .isEqualTo(new VolumeMount("volume", Optional.empty(), "/anon", false, Map.of()));
    assertThat(VolumeReader.shortForm("data:/data:nocopy"))
        .isEqualTo(new VolumeMount("volume", Optional.of("data"), "/data", false, Map.of("nocopy", "true")));
    assertThat(VolumeReader.shortForm("/src:/dst:ro,rshared"))
        .isEqualTo(new VolumeMount("bind", Optional.of("/src"), "/dst", true, Map.of("propagation", "rshared")));
    assertThat(VolumeReader.shortForm("./conf/app.yml:/etc/app.yml").relativeBind()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "data:relative     | has a target \"relative\" that is not an absolute path",
      "a:/b:ro:x         | is not of the form [SOURCE:]TARGET[:OPTIONS]",
      "/a:/b:sometimes   | has an unknown option \"sometimes\"",
      ":/b               | has an empty source",
  })
  void refusesMalformedShortForms(String text, String message) {
    assertThatThrownBy(() -> VolumeReader.shortForm(text)).hasMessage(message);
  }

  @Test
  void longFormsKeepTheirOptions() throws Exception {
    StackModel model = new StackFiles(dir).model(StackFiles.service("""
            volumes:
              - type: volume
                source: data
                target: /data
                volume: {nocopy: true}
              - type: bind
                source: /var/run
                target: /run/host
                read_only: true
                bind: {propagation: rslave}
              - type: tmpfs
                target: /scratch
                tmpfs: {size: 1m}
        volumes:
          data:
        """));
    assertThat(model.services().get("web").volumes()).containsExactly(
        new VolumeMount("volume", Optional.of("data"), "/data", false, Map.of("nocopy", "true")),
        new VolumeMount("bind", Optional.of("/var/run"), "/run/host", true, Map.of("propagation", "rslave")),
        new VolumeMount("tmpfs", Optional.empty(), "/scratch", false, Map.of("tmpfs.size", "1048576")));
  }

  @Test
  void aNamedVolumeMustBeDeclared() {
    assertThatThrownBy(() -> new StackFiles(dir).web("    volumes:\n      - data:/data\n"))
        .hasMessage("team/app/active/docker-stack.yml:5: service web: volume \"data\" is not declared in the top-level volumes");
  }

  @Test
  void aRelativeBindMustStayInTheDirectory() {
    assertThatThrownBy(() -> new StackFiles(dir).web("    volumes:\n      - ../../other-app/conf:/conf\n"))
        .hasMessage("team/app/active/docker-stack.yml:5: service web: volumes: path \"../../other-app/conf\" leads out of the stack file's directory");
  }
}
