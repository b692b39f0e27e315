package se.kth.aspen.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.kth.aspen.core.request.RequestStacks.handMade;
import static se.kth.aspen.core.request.RequestStacks.model;
import static se.kth.aspen.core.request.RequestStacks.request;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.compose.StackFileException;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.Secret;

class StackInputsTest {

  @TempDir Path root;

  private Path app() throws Exception {
    return Files.createDirectories(root.resolve("app"));
  }

  @Test
  void anEnvFileOutsideTheDirectoryIsRefused() throws Exception {
    Path app = app();
    Files.writeString(root.resolve("other.env"), "STOLEN=1\n");
    var stack = handMade(List.of("../other.env"), new LinkedHashMap<>());

    assertThatThrownBy(() -> StackInputs.read(app, stack)).isInstanceOf(StackFileException.class)
        .hasMessage(RequestStacks.FILE + ":3: service web: env_file: path \"../other.env\" leads out of the stack file's directory");
  }

  @Test
  void anAbsoluteEnvFileIsRefused() throws Exception {
    Path app = app();
    var stack = handMade(List.of("/etc/environment"), new LinkedHashMap<>());

    assertThatThrownBy(() -> StackInputs.read(app, stack)).isInstanceOf(StackFileException.class)
        .hasMessageStartingWith(RequestStacks.FILE + ":3: service web: env_file: path \"/etc/environment\" is absolute");
  }

  @Test
  void aSymbolicLinkOutOfTheDirectoryIsRefused() throws Exception {
    Path app = app();
    Files.writeString(root.resolve("other.env"), "STOLEN=1\n");
    Files.createSymbolicLink(app.resolve("link.env"), root.resolve("other.env"));
    var stack = model(app, "version: \"3.8\"\nservices:\n  web:\n    image: x:1\n    env_file: [link.env]\n");

    assertThatThrownBy(() -> StackInputs.read(app, stack)).isInstanceOf(StackFileException.class)
        .hasMessage(RequestStacks.FILE + ":3: service web: env_file: path \"link.env\" leads out of the stack file's directory "
            + "through a symbolic link");
  }

  @Test
  void anInvalidLineNamesTheFileAndLineButNotTheValue() throws Exception {
    Path app = app();
    Files.writeString(app.resolve("bad.env"), "OK=1\nBAD KEY=hunter2\n");
    var stack = model(app, "version: \"3.8\"\nservices:\n  web:\n    image: x:1\n    env_file: [bad.env]\n");

    assertThatThrownBy(() -> StackInputs.read(app, stack)).isInstanceOf(StackFileException.class)
        .hasMessageStartingWith(RequestStacks.FILE + ":3: service web: env_file bad.env line 2")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aMissingEnvFileIsNamed() throws Exception {
    Path app = app();
    var stack = model(app, "version: \"3.8\"\nservices:\n  web:\n    image: x:1\n    env_file: [gone.env]\n");

    assertThatThrownBy(() -> StackInputs.read(app, stack)).isInstanceOf(StackFileException.class)
        .hasMessage(RequestStacks.FILE + ":3: service web: env_file \"gone.env\" does not exist");
  }

  @Test
  void secretAndConfigFilesAreReadAndExternalOnesAreNot() throws Exception {
    Path app = app();
    Files.writeString(app.resolve("password.txt"), "hunter2");
    Files.writeString(app.resolve("settings.conf"), "level=1\n");
    var stack = model(app, """
        version: "3.8"
        services:
          web:
            image: x:1
            secrets: [password, shared]
            configs: [settings]
        secrets:
          password:
            file: ./password.txt
          shared:
            external: true
        configs:
          settings:
            file: settings.conf
        """);

    DeployRequest request = request(app, stack, Map.of());

    assertThat(request.files().secrets()).containsExactly(Map.entry("password", Secret.of("hunter2")));
    assertThat(request.files().configs()).containsExactly(Map.entry("settings", Secret.of("level=1\n")));
    assertThat(request.toString()).doesNotContain("hunter2");
  }

  @Test
  void aMissingConfigFileIsNamed() throws Exception {
    Path app = app();
    var stack = model(app, """
        version: "3.8"
        services:
          web:
            image: x:1
        configs:
          settings:
            file: settings.conf
        """);

    assertThatThrownBy(() -> StackInputs.read(app, stack)).isInstanceOf(StackFileException.class)
        .hasMessage(RequestStacks.FILE + ": config settings: file \"settings.conf\" does not exist");
  }

  @Test
  void everyBindSourceNotWrittenAbsoluteBecomesAHostPathInsideTheDirectory() throws Exception {
    Path app = app();
    var stack = model(app, """
        version: "3.8"
        services:
          web:
            image: x:1
            volumes:
              - ./data:/data
              - ./conf/../conf/app.yml:/etc/app.yml:ro
              - /var/log:/host-log:ro
              - named:/named
        volumes:
          named: {}
        """);

    String base = app.toAbsolutePath().normalize().toString();
    assertThat(request(app, stack, Map.of()).files().hostPaths()).containsOnly(Map.entry("./data", base + "/data"),
        Map.entry("./conf/../conf/app.yml", base + "/conf/app.yml"));
  }

  @Test
  void aRequestMissingWhatItsStackNamesIsRefusedOnConstruction() throws Exception {
    Path app = app();
    var stack = model(app, "version: \"3.8\"\nservices:\n  web:\n    image: x:1\n");
    DeployRequest complete = request(app, stack, Map.of());

    assertThatThrownBy(() -> new DeployRequest(complete.cluster(), "app", stack, Map.of(), complete.environments(),
        complete.files(), false)).isInstanceOf(IllegalArgumentException.class).hasMessage("incomplete deploy request: no image for service web");
    assertThatThrownBy(() -> new DeployRequest(complete.cluster(), "app", stack, complete.images(), Map.of(),
        complete.files(), false)).hasMessage("incomplete deploy request: no environment for service web");
  }
}
