package se.kth.aspen.core.policy;

import java.util.List;

/** Lists written for people: {@code a}, {@code a and b}, {@code a, b and c}. */
final class Words {

  private Words() {}

  static String and(List<String> words) {
    if (words.size() <= 1) {
      return String.join("", words);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.getLast();
  }
}
