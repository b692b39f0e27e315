package se.kth.aspen.runner.page;

/** Text made safe for HTML element content and quoted attribute values. */
final class Html {

  private Html() {}

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * JSON placed inside a {@code <script type="application/json">} element: {@code <} is written
   * as {@code \u003c}, so no text in it can close the element.
   */
  static String scriptJson(String json) {
    return json.replace("<", "\\u003c");
  }
}
