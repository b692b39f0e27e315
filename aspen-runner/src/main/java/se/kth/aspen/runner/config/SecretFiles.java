package se.kth.aspen.runner.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Docker-secrets convention: every secret setting {@code NAME} may instead be given as
 * {@code NAME_FILE}, the path of a file holding the value (a Swarm secret under
 * {@code /run/secrets}, a Kubernetes secret volume...). A setting is covered by being marked
 * secret in {@link Setting}; nothing else needs to know.
 *
 * <p>The value read is put in place of {@code NAME} in a copy of the environment, so the rest of
 * the reader does not care where it came from. One line ending at the end of the file is dropped
 * (files written with {@code echo} have one); the value itself is never put into a problem's text.
 */
final class SecretFiles {

  private SecretFiles() {}

  /**
   * The environment with every {@code NAME_FILE} of a secret setting read into {@code NAME}.
   *
   * @param problems told of a setting given both ways, or a file that cannot be read
   */
  static Map<String, String> resolve(Map<String, String> env, Path workingDirectory, Consumer<String> problems) {
    Map<String, String> resolved = new HashMap<>(env);
    for (Setting setting : Setting.values()) {
      if (setting.fileName().isEmpty()) {
        continue;
      }
      String fileName = setting.fileName().get();
      String file = env.get(fileName);
      if (file == null || file.isBlank()) {
        continue;
      }
      String direct = env.get(setting.name());
      if (direct != null && !direct.isBlank()) {
        problems.accept(setting.name() + " and " + fileName + " are both set: give the value one way only");
        continue;
      }
      read(fileName, file.strip(), workingDirectory, problems).ifPresent(value -> resolved.put(setting.name(), value));
    }
    return resolved;
  }

  private static Optional<String> read(String name, String file, Path workingDirectory, Consumer<String> problems) {
    Path path;
    try {
      path = workingDirectory.resolve(file).normalize();
    } catch (InvalidPathException e) {
      problems.accept(name + ": \"" + file + "\" is not a path (" + e.getReason() + ")");
      return Optional.empty();
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      problems.accept(name + ": " + path + " is not a readable file");
      return Optional.empty();
    }
    try {
      String value = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(path))).toString();
      value = withoutFinalLineEnd(value);
      if (value.isBlank()) {
        problems.accept(name + ": " + path + " is empty");
        return Optional.empty();
      }
      return Optional.of(value);
    } catch (CharacterCodingException e) {
      problems.accept(name + ": " + path + " is not UTF-8 text");
    } catch (IOException e) {
      problems.accept(name + ": " + path + " could not be read: " + e.getMessage());
    }
    return Optional.empty();
  }

  private static String withoutFinalLineEnd(String value) {
    if (value.endsWith("\r\n")) {
      return value.substring(0, value.length() - 2);
    }
    return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
  }
}
