package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.core.pass.PassFixture.only;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything read from the registry is untrusted: each hostile stack ends as FAILED for its own
 * app with a reason naming what is wrong, while a good app in the same pass deploys.
 */
class HostileInputTest {

  static final String HOSTILE = "team/hostile/active/docker-stack.yml";
  static final String GOOD = "team/good/active/docker-stack.yml";
  static final String IMAGE = "registry.example.org/app";

  @TempDir Path root;
  @TempDir Path outside;

  static Arguments hostile(String name, String reasonFragment, Consumer<Setup> writer) {
    return Arguments.of(name, reasonFragment, writer);
  }

  /** What a case may write: into the hostile app's directory, or outside the registry. */
  record Setup(TestRegistry registry, Path outside) {
    Path stack(String content) {
      return registry.write(HOSTILE, content);
    }

    Path file(String relative, String content) {
      return registry.write("team/hostile/active/" + relative, content);
    }

    void link(String relative, Path target) {
      try {
        Path link = registry.root.resolve("team/hostile/active/" + relative);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    Path outsideFile(String name, String content) {
      try {
        return Files.writeString(outside.resolve(name), content);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** The good stack with lines added to its service (each indented four spaces, ending in a newline). */
  static String withService(String lines) {
    return good().replace("    labels:\n      se.kth.slackChannels", lines + "    labels:\n      se.kth.slackChannels");
  }

  static String good() {
    return TestRegistry.stack(IMAGE + ":1.0.0");
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        hostile("an alias bomb", "alias", s -> s.stack("""
            a: &a ["x","x","x","x","x","x","x","x","x"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            services: {web: {image: "x:1", environment: [*h]}}
            """)),
        hostile("a 50 MB file", "bytes", s -> s.stack("x-padding: \"" + "a".repeat(50 * 1024 * 1024) + "\"\n" + good())),
        hostile("10 000-deep nesting", "Nesting Depth exceeded", s -> s.stack("x-deep: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n" + good())),
        hostile("duplicate keys", "duplicate", s -> s.stack(good() + "services:\n  other: {image: \"x:1\"}\n")),
        hostile("invalid UTF-8", "UTF-8", s -> s.registry().write(HOSTILE,
            concat(good().getBytes(StandardCharsets.UTF_8), new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28, '\n'}))),
        hostile("an unterminated ${", "${", s -> s.stack(good().replace("LOG_LEVEL: info", "LOG_LEVEL: ${LEVEL"))),
        hostile("a stack file symlinked outside the registry", "is a symbolic link", s -> {
          Path target = s.outsideFile("docker-stack.yml", good());
          s.link("docker-stack.yml", target);
        }),
        hostile("env_file: ../../other/secrets.env", "leads out of the stack file's directory", s -> {
          s.registry().write("team/other/secrets.env", "A=1\n");
          s.stack(withService("    env_file: ../../other/secrets.env\n"));
        }),
        hostile("an absolute env_file", "is absolute", s ->
            s.stack(withService("    env_file: /etc/passwd\n"))),
        hostile("an env_file linked out of the directory", "through a symbolic link", s -> {
          s.link("app.env", s.outsideFile("app.env", "A=1\n"));
          s.stack(withService("    env_file: ./app.env\n"));
        }),
        hostile("a bind source linked out of the directory", "through a symbolic link", s -> {
          s.link("conf", s.outside());
          s.stack(withService("    volumes:\n      - ./conf/app.yml:/etc/app.yml:ro\n"));
        }),
        hostile("an image without a tag", "has no tag", s -> s.stack(TestRegistry.stack(IMAGE))),
        hostile("an empty file", "docker-stack.yml: the file is empty", s -> s.stack("")),
        hostile("a list at the top level", "mapping", s -> s.stack("- services\n- web\n")),
        hostile("5 000 services", "5000 services; a stack may have at most 1000", s -> {
          StringBuilder text = new StringBuilder("services:\n");
          for (int i = 0; i < 5000; i++) {
            text.append("  s").append(i).append(": {image: \"x:1\", deploy: {replicas: 1}}\n");
          }
          s.stack(text.toString());
        }),
        hostile("a scalar where services belong", "services", s -> s.stack("services: 42\n")),
        hostile("a required variable that is not set", "NOPE", s ->
            s.stack(good().replace("LOG_LEVEL: info", "LOG_LEVEL: ${NOPE:?set NOPE}"))),
        hostile("NUL bytes", "invalid YAML: special characters are not allowed", s -> s.registry().write(HOSTILE, new byte[] {0, 0, 0, 's', 0})),
        hostile("an invalid image reference", "not a valid", s -> s.stack(TestRegistry.stack("UPPER/Case:1.0.0"))),
        hostile("a range no tag satisfies", "no tag of registry.example.org/app satisfies ~9.9.0; pushed yet?", s ->
            s.stack(TestRegistry.stack(IMAGE + ":${V}", "      V: ~9.9.0\n", ""))),
        hostile("secrets.decrypted.env without secrets.env", "no secrets.env", s ->
            s.stack(withService("    env_file: secrets.decrypted.env\n"))),
        hostile("a secrets.env the store cannot open", "wrong password or not a vault", s -> {
          s.file("secrets.env", "$ANSIBLE_VAULT;1.1;AES256\n00\n");
          s.stack(withService("    env_file: secrets.decrypted.env\n"));
        }));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aHostileStackFailsItsOwnAppWithAClearReason(String name, String reasonFragment, Consumer<Setup> writer) {
    PassFixture f = new PassFixture(root);
    f.images.push(IMAGE, "1.0.0");
    f.registry.write(GOOD, good());
    writer.accept(new Setup(f.registry, outside));

    PassReport report = f.deploy();

    AppResult hostile = only(report, HOSTILE);
    assertThat(hostile.status()).as(hostile.toString()).isEqualTo(AppStatus.FAILED);
    assertThat(hostile.failure()).as(hostile.toString()).contains(FailureKind.INVALID);
    assertThat(hostile.reason().orElseThrow()).as(hostile.toString()).contains(reasonFragment);
    assertThat(only(report, GOOD).status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(f.orchestrator.deploys()).singleElement().satisfies(d -> assertThat(d.stackName()).isEqualTo("good"));
    assertThat(report.problems()).isEmpty();
  }
}
