package se.kth.aspen.core.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes stack files into a test's temporary directory and reads them back. */
final class StackFiles {

  static final String FILE = "team/app/active/docker-stack.yml";

  private final Path dir;
  private final StackReader reader;

  StackFiles(Path dir) {
    this(dir, new StackReader());
  }

  StackFiles(Path dir, StackReader reader) {
    this.dir = dir;
    this.reader = reader;
  }

  Path write(String yaml) {
    return write(yaml.getBytes(StandardCharsets.UTF_8));
  }

  Path write(byte[] bytes) {
    try {
      Path file = dir.resolve("docker-stack.yml");
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  StackSource parse(String yaml) throws StackFileException {
    return reader.parse(write(yaml), FILE);
  }

  StackModel model(String yaml) throws StackFileException {
    return model(yaml, Map.of());
  }

  StackModel model(String yaml, Map<String, String> variables) throws StackFileException {
    return reader.model(parse(yaml), variables);
  }

  /** One service named web with the given extra lines (indented by four spaces already). */
  ServiceSpec web(String lines) throws StackFileException {
    return model(service(lines)).services().get("web");
  }

  static String service(String lines) {
    return "version: \"3.8\"\nservices:\n  web:\n    image: 127.0.0.1:5000/busybox:1.2.3\n" + lines;
  }
}
