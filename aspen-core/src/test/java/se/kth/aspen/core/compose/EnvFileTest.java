package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvFileTest {

  private static List<String> rendered(EnvFile file) {
    return file.entries().stream()
        .map(e -> e.line() + ":" + e.key() + e.value().map(v -> "=" + v).orElse(" (bare)"))
        .toList();
  }

  @Test
  void keepsValuesExactlyAsWrittenLikeDockerStackDeploy() throws Exception {
    String content = """
        # a comment
        QUOTED="quoted value"
        SINGLE='single'
        INTERP=${HOME}
          LEADING_WS=x
        TRAILING=ends with space \s
           # indented comment

        FROM_SHELL
        EMPTYV=
        EQ=a=b
        """;

    EnvFile file = EnvFile.parse("app.env", content);

    assertThat(rendered(file)).containsExactly(
        "2:QUOTED=\"quoted value\"",
        "3:SINGLE='single'",
        "4:INTERP=${HOME}",
        "5:LEADING_WS=x",
        "6:TRAILING=ends with space  ",
        "9:FROM_SHELL (bare)",
        "10:EMPTYV=",
        "11:EQ=a=b");
  }

  @Test
  void givesWhatTheDockerCliMadeOfTheSameBytes() throws Exception {
    // Observed on 2026-11-25 with the test environment's docker CLI: `docker create --env-file`
    // (the same env-file reader as stack deploy) on these bytes, then `docker inspect` Config.Env.
    byte[] content = java.util.HexFormat.of().parseHex(
        "efbbbf46495253543d310d0a20204c4541443d780d0d0ac2a04e4253503d790ae2808345"
            + "4d3d7a0a545241494c3d6120200a23630a2020202363320a45513d613d620a424152455f"
            + "554e5345545f58595a0a484f4d450ae2808b5a573d310a513d2271220a560b4b3d310a4c"
            + "4153543d6e6c");

    var environment = EnvFile.parse("t.env", content)
        .resolve(k -> k.equals("HOME") ? Optional.of("/root") : Optional.empty());

    assertThat(environment).containsExactly(
        Map.entry("FIRST", "1"), Map.entry("LEAD", "x\r"), Map.entry("NBSP", "y"), Map.entry("EM", "z"),
        Map.entry("TRAIL", "a  "), Map.entry("EQ", "a=b"), Map.entry("HOME", "/root"), Map.entry("\u200bZW", "1"),
        Map.entry("Q", "\"q\""), Map.entry("V\u000bK", "1"), Map.entry("LAST", "nl"));
  }

  @Test
  void dropsOneCarriageReturnBeforeEachLineFeedAndAtTheEnd() throws Exception {
    EnvFile file = EnvFile.parse("crlf.env", "A=1\r\nB=2\r\r\nC=x\ry\r");

    assertThat(file.entries()).extracting(e -> e.value().orElseThrow()).containsExactly("1", "2\r", "x\ry");
  }

  @Test
  void acceptsAMissingFinalNewlineAndEmptyContent() throws Exception {
    assertThat(rendered(EnvFile.parse("a.env", "A=1\nB=2"))).containsExactly("1:A=1", "2:B=2");
    assertThat(EnvFile.parse("empty.env", new byte[0]).entries()).isEmpty();
  }

  @Test
  void dropsAByteOrderMarkOnTheFirstLineOnly() throws Exception {
    EnvFile file = EnvFile.parse("bom.env", "\uFEFFA=1\n\uFEFFB=2\n");

    assertThat(file.entries()).extracting(EnvFile.Entry::key).containsExactly("A", "\uFEFFB");
  }

  @Test
  void skipsUnicodeLeadingSpaceAsGoDoes() throws Exception {
    // NBSP, NEL, EM SPACE, IDEOGRAPHIC SPACE and VT lead; U+FEFF and U+200B are not space in Go.
    EnvFile file = EnvFile.parse("u.env", "\u00a0A=1\n\u0085B=2\n\u2003C=3\n\u3000\u000bD=4\n\u200bE=5\n");

    assertThat(file.entries()).extracting(EnvFile.Entry::key).containsExactly("A", "B", "C", "D", "\u200bE");
  }

  @Test
  void reportsABareNameAsHavingNoValueAndResolveLooksItUp() throws Exception {
    EnvFile file = EnvFile.parse("bare.env", "A=1\nA\nSET\nUNSET\nB=\n");
    Map<String, String> shell = Map.of("SET", "from-shell", "A", "shell-a");

    assertThat(file.entries().get(1).hasValue()).isFalse();
    assertThat(file.entries().get(1).valueBytes()).isEmpty();
    assertThat(file.resolve(k -> Optional.ofNullable(shell.get(k))))
        .containsExactly(Map.entry("A", "shell-a"), Map.entry("SET", "from-shell"), Map.entry("B", ""));
    assertThat(file.resolve(k -> Optional.empty())).containsExactly(Map.entry("A", "1"), Map.entry("B", ""));
  }

  @Test
  void aLaterLineReplacesTheValueButKeepsTheFirstPosition() throws Exception {
    EnvFile file = EnvFile.parse("dup.env", "A=1\nB=2\nA=3\n");

    assertThat(file.resolve(k -> Optional.empty())).containsExactly(Map.entry("A", "3"), Map.entry("B", "2"));
  }

  @Test
  void givesValuesAsBytesWithoutDecoding() throws Exception {
    byte[] content = "PWD=p\u00e4ss \n".getBytes(StandardCharsets.UTF_8);

    byte[] value = EnvFile.parse("s.env", content).entries().get(0).valueBytes().orElseThrow();

    assertThat(value).isEqualTo("p\u00e4ss ".getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      space in name        | A=1\\nMY KEY=secret               | secrets.env line 2 has a variable name containing a space or tab
      tab in name          | KEY\\t=secret                     | secrets.env line 1 has a variable name containing a space or tab
      bare name with space | hunter2 is my password           | secrets.env line 1 has a variable name containing a space or tab
      trailing space bare  | KEY\\u0020                         | secrets.env line 1 has a variable name containing a space or tab
      no name              | \\n  =secret                      | secrets.env line 2 has no variable name before '='
      """)
  void rejectsBadNamesNamingTheLineButNeverTheContent(String rule, String content, String message) {
    String unescaped = content.replace("\\n", "\n").replace("\\t", "\t").replace("\\u0020", " ");

    assertThatThrownBy(() -> EnvFile.parse("secrets.env", unescaped))
        .isInstanceOf(EnvFile.InvalidLineException.class)
        .hasMessage(message)
        .hasMessageNotContaining("secret ")
        .hasMessageNotContaining("hunter2");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      lone continuation byte | 80
      overlong slash         | c0af
      surrogate              | eda080
      above U+10FFFF         | f4908080
      truncated sequence     | e282
      latin-1 e-acute        | e9
      """)
  void rejectsInvalidUtf8WithTheLineNumber(String rule, String hex) {
    byte[] bad = java.util.HexFormat.of().parseHex(hex);
    byte[] prefix = "A=1\nB=".getBytes(StandardCharsets.US_ASCII);
    byte[] content = new byte[prefix.length + bad.length];
    System.arraycopy(prefix, 0, content, 0, prefix.length);
    System.arraycopy(bad, 0, content, prefix.length, bad.length);

    assertThatThrownBy(() -> EnvFile.parse("x.env", content))
        .isInstanceOf(EnvFile.InvalidLineException.class)
        .hasMessage("x.env line 2 is not valid UTF-8")
        .satisfies(e -> assertThat(((EnvFile.InvalidLineException) e).line()).isEqualTo(2));
  }

  @Test
  void rejectsInvalidUtf8EvenInAComment() {
    byte[] content = "# comment \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> EnvFile.parse("c.env", content)).hasMessage("c.env line 1 is not valid UTF-8");
  }

  @Test
  void acceptsFourByteCharactersInValues() throws Exception {
    assertThat(EnvFile.parse("e.env", "E=\uD83D\uDE00\n").entries().get(0).value()).contains("\uD83D\uDE00");
  }

  @Test
  void refusesALineAsLongAsTheDockerScannerRefuses() throws Exception {
    String longest = "A=" + "x".repeat(EnvFile.MAX_LINE_BYTES - 3);
    assertThat(EnvFile.parse("l.env", longest + "\n").entries()).hasSize(1);

    assertThatThrownBy(() -> EnvFile.parse("l.env", "B=1\n" + longest + "x\n"))
        .hasMessage("l.env line 2 is 65536 bytes long; docker reads at most 65535");
    assertThatThrownBy(() -> EnvFile.parse("l.env", longest + "\r\n"))
        .hasMessage("l.env line 1 is 65536 bytes long; docker reads at most 65535");
  }

  @Test
  void neverShowsAValueInToString() throws Exception {
    EnvFile file = EnvFile.parse("s.env", "PASSWORD=hunter2\nBARE\n");

    assertThat(file.entries()).extracting(Object::toString)
        .containsExactly("Entry[line 1, PASSWORD=(hidden)]", "Entry[line 2, BARE (no value)]");
    assertThat(file).hasToString("EnvFile[s.env, 2 entries]");
  }
}
