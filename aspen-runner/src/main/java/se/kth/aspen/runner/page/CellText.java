package se.kth.aspen.runner.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.kth.aspen.core.pass.AppResult;

/**
 * What a cell says of one app on one cluster, as text (escaped where it is written): a symbol
 * beside the status word so that colour is never the only signal (symbols common fonts have), the version (the image tag;
 * {@code service tag} per service when there are several), the digest, since when, and why.
 */
record CellText(String symbol, String version, String digest, String when, String why) {

  static CellText of(AppResult result) {
    List<String> versions = new ArrayList<>();
    List<String> digests = new ArrayList<>();
    for (Map.Entry<String, String> image : result.images().entrySet()) {
      String tag = tag(image.getValue());
      versions.add(result.images().size() == 1 ? tag : image.getKey() + " " + tag);
      int at = image.getValue().indexOf('@');
      if (at >= 0) {
        digests.add(image.getValue().substring(at + 1));
      }
    }
    String when = result.blockedSince().map(t -> "since " + Timeline.time(t))
        .or(() -> result.heldBy().map(h -> "held by " + h.runner().orElse("another runner")
            + h.since().map(t -> " since " + Timeline.time(t)).orElse("")))
        .orElse("");
    String why = result.reason().map(r -> result.step().map(s -> s + ": " + r).orElse(r)).orElse("");
    return new CellText(symbol(result.status().name()), String.join(", ", versions),
        digests.size() == 1 ? digests.getFirst() : "", when, why);
  }

  static String symbol(String status) {
    return switch (status) {
      case "DEPLOYED" -> "\u2714";
      case "UNCHANGED" -> "\u2713";
      case "CHANGED" -> "\u2191";
      case "ADOPTED" -> "\u2295";
      case "FAILED" -> "\u2716";
      case "BLOCKED" -> "\u2298";
      case "DRIFTED" -> "\u2248";
      case "HELD" -> "\u2016";
      default -> "\u2013";
    };
  }

  /** The tag of an image reference ({@code host:port/repo:tag@sha256:...}); {@code latest} when it names none. */
  static String tag(String reference) {
    int at = reference.indexOf('@');
    String name = at >= 0 ? reference.substring(0, at) : reference;
    int colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.substring(colon + 1) : at >= 0 ? "" : "latest";
  }

  static String shortDigest(String digest) {
    String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  /** The registry directories above {@code <app>/<cluster>/docker-stack.yml}: the team, by convention. */
  static String team(String stackPath) {
    String[] parts = stackPath.split("/");
    return parts.length > 3 ? String.join("/", java.util.Arrays.copyOf(parts, parts.length - 3)) : "";
  }
}
