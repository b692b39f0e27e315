package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code command} or {@code entrypoint} string into words as the Compose CLI does
 * (go-shellwords without expansion): whitespace separates words, single quotes keep everything,
 * double quotes keep everything but backslash escapes, a backslash outside quotes escapes the next
 * character. Nothing is wrapped in {@code sh -c}: {@code &&} is just a word.
 */
final class ShellWords {

  private ShellWords() {}

  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\\') {
        if (i + 1 >= line.length()) {
          throw new IllegalArgumentException("ends with a lone backslash");
        }
        char next = line.charAt(++i);
        if (quote == '"' && next != '"' && next != '\\' && next != '$' && next != '`') {
          word.append(c);
        }
        word.append(next);
        inWord = true;
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("has an unterminated " + (quote == '"' ? "double" : "single") + " quote");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
