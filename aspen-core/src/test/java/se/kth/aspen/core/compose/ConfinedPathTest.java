package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfinedPathTest {

  @TempDir Path root;
  Path stackDir;
  Path outside;

  @BeforeEach
  void setUp() throws IOException {
    stackDir = Files.createDirectories(root.resolve("app/active"));
    outside = Files.createDirectories(root.resolve("other"));
    Files.writeString(outside.resolve("secrets.env"), "X=1\n");
    Files.writeString(stackDir.resolve("app.env"), "A=1\n");
    Files.createDirectories(stackDir.resolve("conf"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"app.env", "./app.env", "conf/../app.env", "conf/new.yml"})
  void pathsThatStayInsideResolve(String written) throws Exception {
    assertThat(ConfinedPath.resolve(stackDir, written)).startsWithRaw(stackDir.toRealPath());
  }

  @Test
  void anExistingFileResolvesToItsRealPath() throws Exception {
    assertThat(ConfinedPath.resolve(stackDir, "./conf/../app.env")).isEqualTo(stackDir.toRealPath().resolve("app.env"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../other/secrets.env", "..", "conf/../../x", "."})
  void pathsThatClimbOutAreRefused(String written) {
    assertThatThrownBy(() -> ConfinedPath.resolve(stackDir, written))
        .isInstanceOf(PathEscapeException.class)
        .hasMessage("path \"" + written + "\" leads out of the stack file's directory");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "~/secrets.env"})
  void absolutePathsAreRefused(String written) {
    assertThatThrownBy(() -> ConfinedPath.check(written))
        .isInstanceOf(PathEscapeException.class)
        .hasMessage("path \"" + written + "\" is absolute; write it relative to the stack file's directory and keep the file there");
  }

  @Test
  void aSymbolicLinkThatLeadsOutIsRefused() throws IOException {
    Files.createSymbolicLink(stackDir.resolve("link.env"), outside.resolve("secrets.env"));
    Files.createSymbolicLink(stackDir.resolve("linkdir"), outside);
    assertThatThrownBy(() -> ConfinedPath.resolve(stackDir, "link.env"))
        .isInstanceOf(PathEscapeException.class)
        .hasMessage("path \"link.env\" leads out of the stack file's directory through a symbolic link");
    assertThatThrownBy(() -> ConfinedPath.resolve(stackDir, "linkdir/secrets.env"))
        .hasMessage("path \"linkdir/secrets.env\" leads out of the stack file's directory through a symbolic link");
    assertThatThrownBy(() -> ConfinedPath.resolve(stackDir, "linkdir/not-yet.env"))
        .hasMessage("path \"linkdir/not-yet.env\" leads out of the stack file's directory through a symbolic link");
  }

  @Test
  void aSymbolicLinkThatStaysInsideIsFine() throws Exception {
    Files.createSymbolicLink(stackDir.resolve("alias.env"), stackDir.resolve("app.env"));
    assertThat(ConfinedPath.resolve(stackDir, "alias.env")).isEqualTo(stackDir.toRealPath().resolve("app.env"));
  }

  @Test
  void aNulCharacterIsRefused() {
    assertThatThrownBy(() -> ConfinedPath.check("a\0b"))
        .isInstanceOf(PathEscapeException.class)
        .hasMessage("path \"a\\0b\" is not a usable file name");
  }
}
