package se.kth.aspen.core.compose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.Function;

/**
 * The lines of an env file ({@code env_file:}, a decrypted {@code secrets.env}) read with
 * exactly the rules of {@code docker stack deploy}, so a service gets the
 * same environment whether the old tool or Aspen deploys it.
 *
 * <p>The rules: lines end at LF, and one CR before it is dropped (so CRLF files read like LF
 * files); every line must be valid UTF-8; a UTF-8 BOM is dropped from the first line; leading
 * whitespace (Go's {@code unicode.IsSpace}) is skipped; empty lines and lines starting with
 * {@code #} are skipped; otherwise the line is split at its first {@code =} into a name and a
 * value that is kept exactly as written (quotes, {@code $}, trailing spaces, further {@code =}).
 * A line without {@code =} names a variable with no value: the CLI takes such a variable from
 * its own environment and drops it when unset, so {@link Entry#hasValue()} lets the caller
 * decide. An empty name, a name holding a space or tab, and a line of 64 KiB or more (the CLI's
 * line scanner refuses it) are errors.
 *
 * <p>Errors name the source and the line number, never the line's content: a value may be a
 * secret, and so may a line someone forgot to give a name. Values are kept as bytes and decoded
 * to a {@code String} only when {@link Entry#value()} asks, so a secret need never become one.
 */
public final class EnvFile {

  /** bufio.Scanner's default maximum token size; a line this long or longer is an error. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  private final String source;
  private final List<Entry> entries;

  private EnvFile(String source, List<Entry> entries) {
    this.source = source;
    this.entries = Collections.unmodifiableList(entries);
  }

  /**
   * Reads env-file content.
   *
   * @param source what to call the content in an error, usually the file's path
   * @throws InvalidLineException naming the source and the first line that breaks a rule
   */
  public static EnvFile parse(String source, byte[] content) throws InvalidLineException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(content, "content");
    List<Entry> entries = new ArrayList<>();
    int lineNumber = 0;
    int start = 0;
    while (start < content.length) {
      lineNumber++;
      int newline = indexOf(content, (byte) '\n', start);
      int end = newline < 0 ? content.length : newline;
      int next = newline < 0 ? content.length : newline + 1;
      // The CLI's scanner must hold the whole line, CR included, before it sees the LF.
      if (end - start >= MAX_LINE_BYTES) {
        throw new InvalidLineException(
            source, lineNumber, "is " + (end - start) + " bytes long; docker reads at most " + (MAX_LINE_BYTES - 1));
      }
      if (end > start && content[end - 1] == '\r') {
        end--;
      }
      if (!Utf8.isValid(content, start, end)) {
        throw new InvalidLineException(source, lineNumber, "is not valid UTF-8");
      }
      Entry entry = parseLine(source, lineNumber, content, start, end);
      if (entry != null) {
        entries.add(entry);
      }
      start = next;
    }
    return new EnvFile(source, entries);
  }

  /** Reads env-file text; the same rules as {@link #parse(String, byte[])} on its UTF-8 bytes. */
  public static EnvFile parse(String source, String content) throws InvalidLineException {
    return parse(source, content.getBytes(StandardCharsets.UTF_8));
  }

  private static Entry parseLine(String source, int lineNumber, byte[] content, int start, int end)
      throws InvalidLineException {
    int from = start;
    if (lineNumber == 1 && Utf8.startsWithBom(content, from, end)) {
      from += 3;
    }
    from = Utf8.skipLeadingSpace(content, from, end);
    if (from == end || content[from] == '#') {
      return null;
    }
    int equals = indexOf(content, (byte) '=', from, end);
    int keyEnd = equals < 0 ? end : equals;
    if (keyEnd == from) {
      throw new InvalidLineException(source, lineNumber, "has no variable name before '='");
    }
    for (int i = from; i < keyEnd; i++) {
      if (content[i] == ' ' || content[i] == '\t') {
        throw new InvalidLineException(source, lineNumber, "has a variable name containing a space or tab");
      }
    }
    String key = new String(content, from, keyEnd - from, StandardCharsets.UTF_8);
    byte[] value = equals < 0 ? null : Arrays.copyOfRange(content, equals + 1, end);
    return new Entry(lineNumber, key, value);
  }

  private static int indexOf(byte[] content, byte wanted, int from) {
    return indexOf(content, wanted, from, content.length);
  }

  private static int indexOf(byte[] content, byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (content[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** What the content was called when it was parsed. */
  public String source() {
    return source;
  }

  /** The variable lines in file order, duplicates included. */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * The environment the docker CLI makes of this file: a name without a value is looked up (and
   * dropped when the lookup gives nothing), and a later line replaces an earlier one with the
   * same name while keeping the first one's position.
   *
   * @param lookup the value of a variable named without one, typically the process environment
   */
  public SequencedMap<String, String> resolve(Function<String, Optional<String>> lookup) {
    LinkedHashMap<String, String> resolved = new LinkedHashMap<>();
    for (Entry entry : entries) {
      Optional<String> value = entry.hasValue() ? entry.value() : lookup.apply(entry.key());
      value.ifPresent(v -> resolved.put(entry.key(), v));
    }
    return Collections.unmodifiableSequencedMap(resolved);
  }

  @Override
  public String toString() {
    return "EnvFile[" + source + ", " + entries.size() + " entries]";
  }

  /** One {@code KEY=VALUE} or bare {@code KEY} line. {@code toString} never shows the value. */
  public static final class Entry {

    private final int line;
    private final String key;
    private final byte[] value;

    Entry(int line, String key, byte[] value) {
      this.line = line;
      this.key = key;
      this.value = value;
    }

    /** The 1-based line number in the source. */
    public int line() {
      return line;
    }

    public String key() {
      return key;
    }

    /** False for a bare {@code KEY} line, whose value the caller must find elsewhere or drop. */
    public boolean hasValue() {
      return value != null;
    }

    /** The value as written (it may be empty), or empty for a bare {@code KEY} line. */
    public Optional<String> value() {
      return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    /** A copy of the value's UTF-8 bytes, or empty for a bare {@code KEY} line. */
    public Optional<byte[]> valueBytes() {
      return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    @Override
    public String toString() {
      return "Entry[line " + line + ", " + key + (value == null ? " (no value)" : "=(hidden)") + "]";
    }
  }

  /** A line broke one of the env-file rules. The message names the source and the line only. */
  public static final class InvalidLineException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    InvalidLineException(String source, int line, String problem) {
      super(source + " line " + line + " " + problem);
      this.source = source;
      this.line = line;
    }

    public String source() {
      return source;
    }

    public int line() {
      return line;
    }
  }

  /** UTF-8 checks done on the bytes, so no value has to be decoded to be validated. */
  private static final class Utf8 {

    private Utf8() {}

    static boolean startsWithBom(byte[] b, int from, int to) {
      return to - from >= 3 && b[from] == (byte) 0xEF && b[from + 1] == (byte) 0xBB && b[from + 2] == (byte) 0xBF;
    }

    /** Go's {@code utf8.Valid}: no overlong forms, no surrogates, nothing above U+10FFFF. */
    static boolean isValid(byte[] b, int from, int to) {
      int i = from;
      while (i < to) {
        int length = sequenceLength(b, i, to);
        if (length < 0) {
          return false;
        }
        i += length;
      }
      return true;
    }

    /** The length of the well-formed sequence at {@code i}, or -1. */
    private static int sequenceLength(byte[] b, int i, int to) {
      int lead = b[i] & 0xFF;
      if (lead < 0x80) {
        return 1;
      }
      int length;
      int low = 0x80;
      int high = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) {
          low = 0xA0;
        } else if (lead == 0xED) {
          high = 0x9F;
        }
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) {
          low = 0x90;
        } else if (lead == 0xF4) {
          high = 0x8F;
        }
      } else {
        return -1;
      }
      if (i + length > to) {
        return -1;
      }
      int second = b[i + 1] & 0xFF;
      if (second < low || second > high) {
        return -1;
      }
      for (int k = 2; k < length; k++) {
        int next = b[i + k] & 0xFF;
        if (next < 0x80 || next > 0xBF) {
          return -1;
        }
      }
      return length;
    }

    /** Skips Go's {@code unicode.IsSpace} characters; the bytes are known to be valid UTF-8. */
    static int skipLeadingSpace(byte[] b, int from, int to) {
      int i = from;
      while (i < to) {
        int length = sequenceLength(b, i, to);
        if (!isSpace(codePoint(b, i, length))) {
          return i;
        }
        i += length;
      }
      return i;
    }

    private static int codePoint(byte[] b, int i, int length) {
      int lead = b[i] & 0xFF;
      return switch (length) {
        case 1 -> lead;
        case 2 -> (lead & 0x1F) << 6 | (b[i + 1] & 0x3F);
        case 3 -> (lead & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | (b[i + 2] & 0x3F);
        default -> (lead & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | (b[i + 3] & 0x3F);
      };
    }

    private static boolean isSpace(int c) {
      return switch (c) {
        case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
        default -> c >= 0x2000 && c <= 0x200A;
      };
    }
  }
}
