package se.kth.aspen.swarm.registry;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The request line and header fields of a body-less HTTP/1.1 request: {@code Host}, {@code
 * User-Agent: aspen}, {@code Accept} when types are given and {@code Authorization} when set.
 * Values that could end a field early (a line break from a token server, say) are refused rather
 * than sent.
 */
final class RequestHead {

  private RequestHead() {}

  /**
   * The head, ended by the empty line.
   *
   * @throws IllegalArgumentException when the method or a value cannot go into a header
   */
  static String of(String method, URI uri, List<String> accept, Optional<String> authorization) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new IllegalArgumentException("only GET and HEAD are sent, not " + method);
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    StringBuilder head = new StringBuilder(256)
        .append(method).append(' ').append(checked("request target", target)).append(" HTTP/1.1\r\n");
    field(head, "Host", uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
    field(head, "User-Agent", "aspen");
    if (!accept.isEmpty()) {
      field(head, "Accept", String.join(", ", accept));
    }
    authorization.ifPresent(value -> field(head, "Authorization", value));
    return head.append("\r\n").toString();
  }

  private static void field(StringBuilder head, String name, String value) {
    head.append(name).append(": ").append(checked(name, value)).append("\r\n");
  }

  private static String checked(String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff || (c == ' ' && name.equals("request target"))) {
        throw new IllegalArgumentException("the " + name + " contains a character HTTP cannot carry");
      }
    }
    return value;
  }
}
