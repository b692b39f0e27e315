package se.kth.aspen.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordFileTest {

  @TempDir Path dir;

  private Path write(byte[] content) throws Exception {
    Path file = dir.resolve("key");
    Files.write(file, content);
    return file;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      trailing newline              | 7077640a             | 707764
      CRLF                          | 7077640d0a           | 707764
      spaces at both ends           | 20207077642020       | 707764
      tab VT FF at both ends        | 090b0c7077640c0b09   | 707764
      inner space and newline kept  | 70 20 77 0a 64       | 7020770a64
      NBSP at the end kept          | 707764c2a0           | 707764c2a0
      EM SPACE at the end kept      | 707764e28083         | 707764e28083
      NUL and 0x1F kept             | 00707764 1f          | 007077641f
      latin-1 bytes kept as bytes   | 70e47373             | 70e47373
      """)
  void trimsExactlyTheAsciiWhitespaceSetLikeAnsibleVault(String rule, String content, String password)
      throws Exception {
    Path file = write(HexFormat.of().parseHex(content.replace(" ", "")));

    assertThat(HexFormat.of().formatHex(AnsibleVault.readPasswordFile(file))).isEqualTo(password.replace(" ", ""));
  }

  @Test
  void aFileWithOnlyWhitespaceHoldsNoPassword() throws Exception {
    Path file = write(" \n\t\r\n".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> AnsibleVault.readPasswordFile(file))
        .isInstanceOf(PasswordFileException.class)
        .hasMessage("the vault password file " + file + " holds no password (it is empty or only whitespace)");
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = dir.resolve("absent");

    assertThatThrownBy(() -> AnsibleVault.readPasswordFile(file))
        .isInstanceOf(PasswordFileException.class)
        .hasMessage("the vault password file " + file + " was not found");
  }

  @Test
  void anExecutableFileIsRefusedNotRun() throws Exception {
    Path file = write("#!/bin/sh\necho hunter2\n".getBytes(StandardCharsets.US_ASCII));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-xr--"));

    assertThatThrownBy(() -> AnsibleVault.readPasswordFile(file))
        .isInstanceOf(PasswordFileException.class)
        .hasMessage("the vault password file " + file + " is executable; ansible-vault would run it as a script,"
            + " but Aspen runs no password scripts: put the password itself in a file without execute permission")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aDirectoryIsNoPasswordFile() {
    assertThatThrownBy(() -> AnsibleVault.readPasswordFile(dir))
        .isInstanceOf(PasswordFileException.class)
        .hasMessage("the vault password file " + dir + " is a directory");
  }
}
