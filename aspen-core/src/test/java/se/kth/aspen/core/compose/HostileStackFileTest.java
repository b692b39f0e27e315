package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken or malicious stack files: each ends in a clear StackFileException, never another exception or a hang. */
class HostileStackFileTest {

  @TempDir Path dir;
  StackFiles files;

  @BeforeEach
  void setUp() {
    files = new StackFiles(dir);
  }

  @Test
  void aBillionLaughsAliasBombIsRefusedBeforeItExpands() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      String prev = "*a" + (i - 1);
      yaml.append("a").append(i).append(": &a").append(i).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, prev))).append("]\n");
    }
    yaml.append("services:\n  web:\n    image: a:1\n    labels: *a9\n");
    assertThatThrownBy(() -> files.parse(yaml.toString()))
        .isInstanceOf(StackFileException.class)
        .hasMessageStartingWith(StackFiles.FILE + ":")
        .hasMessageEndingWith(": the file expands to more than 500000 YAML nodes (too many or too large aliases)");
  }

  @Test
  void moreThanAHundredAliasesAreRefusedWhileParsing() {
    StringBuilder yaml = new StringBuilder("x-a: &a {k: v}\nx-list:\n");
    yaml.append("  - *a\n".repeat(101));
    yaml.append("services:\n  web:\n    image: a:1\n");
    assertThatThrownBy(() -> files.parse(yaml.toString()))
        .isInstanceOf(StackFileException.class)
        .hasMessageStartingWith(StackFiles.FILE + ":")
        .hasMessage(StackFiles.FILE + ":103: the file uses more than 100 aliases of mappings or lists");
  }

  @Test
  void aDoublingAliasChainWithFewAliasesIsRefusedWhenExpanding() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x]\n");
    for (int i = 1; i <= 30; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
    }
    yaml.append("services:\n  web:\n    image: a:1\n");
    assertThatThrownBy(() -> files.parse(yaml.toString()))
        .isInstanceOf(StackFileException.class)
        .hasMessageContaining("the file expands to more than 500000 YAML nodes (too many or too large aliases)");
  }

  @Test
  void anAliasInsideItsOwnAnchorIsRefused() {
    assertThatThrownBy(() -> files.parse("services: &s\n  web:\n    image: a:1\n    labels: *s\n"))
        .isInstanceOf(StackFileException.class)
        .hasMessage(StackFiles.FILE + ":4: an alias refers to a node that contains it (*s)");
  }

  @Test
  void aFiftyMegabyteFileIsRefusedWithoutReadingIt() throws IOException {
    Path big = dir.resolve("big.yml");
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] line = "x-filler: 0123456789012345678901234567890123456789012345678901234567890123456789\n"
          .getBytes(StandardCharsets.US_ASCII);
      for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
        out.write(line);
      }
    }
    assertThatThrownBy(() -> new StackReader().parse(big, StackFiles.FILE))
        .isInstanceOf(StackFileException.class)
        .hasMessage(StackFiles.FILE + ": the file has more than 1048576 bytes, the most a stack file may have");
  }

  @Test
  void tenThousandLevelsOfNestingAreRefused() {
    String yaml = "services: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    assertThatThrownBy(() -> files.parse(yaml))
        .isInstanceOf(StackFileException.class)
        .hasMessage(StackFiles.FILE + ":1: invalid YAML: Nesting Depth exceeded max 64 (mappings and lists nested too deeply)");
    String mappings = "services: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n";
    assertThatThrownBy(() -> files.parse(mappings))
        .isInstanceOf(StackFileException.class)
        .hasMessage(StackFiles.FILE + ":1: invalid YAML: Nesting Depth exceeded max 64 (mappings and lists nested too deeply)");
  }

  @Test
  void duplicateKeysAreAnErrorNamingBothLines() {
    assertThatThrownBy(() -> files.parse("services:\n  web:\n    image: a:1\n    image: b:2\n"))
        .isInstanceOf(StackFileException.class)
        .hasMessage(StackFiles.FILE + ":4: duplicate key \"image\" (first on line 3)");
    assertThatThrownBy(() -> files.parse("services:\n  web: {image: a:1}\nservices:\n  api: {image: b:2}\n"))
        .hasMessage(StackFiles.FILE + ":3: duplicate key \"services\" (first on line 1)");
  }

  @Test
  void invalidUtf8IsAnErrorNamingTheLine() {
    byte[] bytes = "services:\n  web:\n    image: a:1\n    labels: {x: \"caf\u0000\"}\n".getBytes(StandardCharsets.UTF_8);
    int zero = new String(bytes, StandardCharsets.UTF_8).indexOf('\u0000');
    bytes[zero] = (byte) 0xC3;
    bytes[zero + 1] = (byte) 0x28;
    files.write(bytes);
    assertThatThrownBy(() -> new StackReader().parse(dir.resolve("docker-stack.yml"), StackFiles.FILE))
        .isInstanceOf(StackFileException.class)
        .hasMessage(StackFiles.FILE + ":4: the file is not valid UTF-8 (byte " + zero + ")");
  }

  @Test
  void anUnterminatedVariableIsAnInterpolationError() {
    assertThatThrownBy(() -> files.model("services:\n  a:\n    image: 127.0.0.1:5000/busybox:${TAG\n"))
        .isInstanceOf(StackFileException.class)
        .hasMessage(StackFiles.FILE + ":3: service a: invalid interpolation format for services.a.image: "
            + "\"127.0.0.1:5000/busybox:${TAG\"; you may need to escape any $ with another $");
  }

  @Test
  void aRequiredVariableThatIsMissingIsAnInterpolationError() {
    assertThatThrownBy(() -> files.model("services:\n  a:\n    image: \"127.0.0.1:5000/busybox:${TAG:?TAG must be set}\"\n"))
        .hasMessage(StackFiles.FILE + ":3: service a: invalid interpolation format for services.a.image: "
            + "\"required variable TAG is missing a value: TAG must be set\"; you may need to escape any $ with another $");
  }

  @Test
  void anEmptyFileIsAnError() {
    assertThatThrownBy(() -> files.parse("")).hasMessage(StackFiles.FILE + ": the file is empty");
    assertThatThrownBy(() -> files.parse("# only a comment\n\n")).hasMessage(StackFiles.FILE + ": the file is empty");
  }

  @Test
  void aListOrAScalarAtTheTopLevelIsAnError() {
    assertThatThrownBy(() -> files.parse("- services\n- web\n"))
        .hasMessage(StackFiles.FILE + ":1: the top level must be a mapping of keys such as services, got a list");
    assertThatThrownBy(() -> files.parse("just text\n"))
        .hasMessage(StackFiles.FILE + ":1: the top level must be a mapping of keys such as services, got a string");
  }

  @Test
  void fiveThousandServicesAreReadWithinTheLimits() throws Exception {
    StringBuilder yaml = new StringBuilder("version: \"3.8\"\nservices:\n");
    for (int i = 0; i < 5_000; i++) {
      yaml.append("  s").append(i).append(": {image: \"127.0.0.1:5000/busybox:1.2.3\", deploy: {replicas: 1}}\n");
    }
    assertThat(files.model(yaml.toString()).services()).hasSize(5_000);
  }

  @Test
  void anImageWithoutATagIsAnError() {
    assertThatThrownBy(() -> files.model("services:\n  a:\n    image: 127.0.0.1:5000/busybox\n"))
        .hasMessage(StackFiles.FILE + ":3: service a: image \"127.0.0.1:5000/busybox\" has no tag; write the version "
            + "to deploy (an implicit :latest would not be redeployed when it moves)");
  }

  @Test
  void anImageWhoseTagVariableIsUnsetHasAnEmptyTag() {
    assertThatThrownBy(() -> files.model("services:\n  a:\n    image: 127.0.0.1:5000/busybox:${TAG}\n"))
        .hasMessage(StackFiles.FILE + ":3: service a: image \"127.0.0.1:5000/busybox:\" has an empty tag (is the variable in its tag set?)");
  }

  @Test
  void envFilesThatClimbOutOrAreAbsoluteAreRefused() {
    assertThatThrownBy(() -> files.model("services:\n  a:\n    image: a:1\n    env_file: ../../other/secrets.env\n"))
        .hasMessage(StackFiles.FILE + ":4: service a: env_file: path \"../../other/secrets.env\" leads out of the stack file's directory");
    assertThatThrownBy(() -> files.model("services:\n  a:\n    image: a:1\n    env_file: [ok.env, /etc/passwd]\n"))
        .hasMessage(StackFiles.FILE + ":4: service a: env_file: path \"/etc/passwd\" is absolute; "
            + "write it relative to the stack file's directory and keep the file there");
    assertThatThrownBy(() -> files.model("services:\n  a:\n    image: a:1\n    env_file: sub/../../x.env\n"))
        .hasMessage(StackFiles.FILE + ":4: service a: env_file: path \"sub/../../x.env\" leads out of the stack file's directory");
  }

  @Test
  void severalDocumentsAreAnError() {
    assertThatThrownBy(() -> files.parse("services: {}\n---\nservices: {}\n"))
        .isInstanceOf(StackFileException.class)
        .hasMessage(StackFiles.FILE + ":2: the file holds more than one YAML document; a stack file is one document");
  }

  @Test
  void malformedYamlNamesTheLine() {
    assertThatThrownBy(() -> files.parse("services:\n  web:\n    image: a:1\n   bad: [\n"))
        .isInstanceOf(StackFileException.class)
        .hasMessageStartingWith(StackFiles.FILE + ":4: invalid YAML: ");
  }

  @Test
  void aMissingFileOrADirectoryIsAnError() {
    assertThatThrownBy(() -> new StackReader().parse(dir.resolve("nope.yml"), StackFiles.FILE))
        .hasMessage(StackFiles.FILE + ": is not a regular file");
    assertThatThrownBy(() -> new StackReader().parse(dir, StackFiles.FILE))
        .hasMessage(StackFiles.FILE + ": is not a regular file");
  }

  @Test
  void customLimitsApply() {
    StackReader small = new StackReader(new ReadLimits(64, 0, 4, 100));
    StackFiles tiny = new StackFiles(dir, small);
    assertThatThrownBy(() -> tiny.parse("services:\n  web:\n    image: a:1\n    labels: {a: b, c: d, e: f, g: h, i: j}\n"))
        .hasMessage(StackFiles.FILE + ": the file has more than 64 bytes, the most a stack file may have");
    assertThatThrownBy(() -> tiny.parse("x: &x {a: 1}\ny: *x\n"))
        .hasMessage(StackFiles.FILE + ":2: the file uses more than 0 aliases of mappings or lists");
  }

  @Test
  void tagsAreIgnoredSoNothingIsEverConstructedFromThem() throws Exception {
    StackModel model = files.model("services:\n  a:\n    image: a:1\n    labels: {x: !!javax.script.ScriptEngineManager \"y\"}\n");
    assertThat(model.services().get("a").labels()).containsEntry("x", "y");
  }

  @Test
  void anAliasWithoutAnAnchorIsAnError() {
    assertThatThrownBy(() -> files.parse("services:\n  a: *nothing\n"))
        .isInstanceOf(StackFileException.class)
        .hasMessage(StackFiles.FILE + ":2: invalid YAML: alias *nothing names no anchor before it");
  }
}
