package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A service's {@code secrets} or {@code configs}: names, or {@code {source, target, uid, gid, mode}}. */
final class FileReferences {

  private FileReferences() {}

  static List<FileReference> read(Block service, String key) throws StackFileException {
    List<FileReference> out = new ArrayList<>();
    String path = service.child(key);
    for (YNode item : service.items(key)) {
      if (item instanceof YNode.Mapping mapping) {
        Block reference = service.context.block(mapping, path + ".[]");
        reference.allowOnly(Set.of("source", "target", "uid", "gid", "mode"));
        String source = reference.string("source").orElseThrow(() ->
            reference.context.invalid(path, item.line(), "entries need a source"));
        out.add(new FileReference(source, reference.string("target"), reference.string("uid"),
            reference.string("gid"), reference.converted("mode", "a file mode such as 0440", FileReferences::mode)));
      } else {
        out.add(new FileReference(service.context.text(item, path + ".[]"), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty()));
      }
    }
    return out;
  }

  /** A file mode as YAML 1.1 reads it, as the CLI does: a leading 0 (or 0o) means octal. */
  static int mode(String text) {
    String s = text.strip();
    if (s.startsWith("0o") || s.startsWith("0O")) {
      return Integer.parseInt(s.substring(2), 8);
    }
    if (s.length() > 1 && s.startsWith("0")) {
      return Integer.parseInt(s.substring(1), 8);
    }
    return Integer.parseInt(s);
  }
}
