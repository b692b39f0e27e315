package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What building one stack model shares: the file's name for messages, the variables for
 * interpolation, the warnings and the line of every key read so far.
 */
final class ReadContext {

  final String file;
  final Map<String, String> variables;
  final List<StackWarning> warnings = new ArrayList<>();
  final Map<String, Integer> lines = new HashMap<>();

  ReadContext(String file, Map<String, String> variables) {
    this.file = file;
    this.variables = variables;
  }

  /** The service a full path such as {@code services.web.deploy} is about, or "". */
  static String serviceOf(String path) {
    if (!path.startsWith("services.")) {
      return "";
    }
    int dot = path.indexOf('.', 9);
    return dot < 0 ? path.substring(9) : path.substring(9, dot);
  }

  /** The path as shown after {@code service web: }, i.e. without {@code services.web.}. */
  static String shown(String path) {
    String service = serviceOf(path);
    if (service.isEmpty()) {
      return path;
    }
    int prefix = 9 + service.length() + 1;
    return path.length() > prefix ? path.substring(prefix) : path;
  }

  StackFileException error(String path, int line, String detail) {
    return new StackFileException(file, line, serviceOf(path), detail);
  }

  /** An error about the value at {@code path}: {@code deploy.replicas must be a number, got "two"}. */
  StackFileException invalid(String path, int line, String problem) {
    return error(path, line, shown(path) + " " + problem);
  }

  void warn(String path, int line, String message) {
    warnings.add(new StackWarning(line, serviceOf(path), message));
  }

  String interpolate(String text, String path, int line) throws StackFileException {
    try {
      return Interpolation.apply(text, variables, name -> warn(path, line, "variable " + name
          + " is not set, so " + shown(path) + " has an empty string in its place (variables come from the stack's"
          + " service environments, APPLICATION_NAME and PORTILLO_CLUSTER)"));
    } catch (Interpolation.Invalid e) {
      throw error(path, line, Interpolation.message(path, e));
    }
  }

  Block block(YNode.Mapping mapping, String path) {
    return new Block(this, mapping, path);
  }

  /** A scalar's interpolated text; a YAML null is empty; a mapping or list is an error. */
  Optional<String> optText(YNode node, String path) throws StackFileException {
    if (node instanceof YNode.Scalar scalar) {
      return scalar.isNull() ? Optional.empty()
          : Optional.of(interpolate(scalar.text(), path, scalar.line()));
    }
    throw invalid(path, node.line(), "must be a string, number or boolean, got " + node.kind());
  }

  /** A scalar's interpolated text, required. */
  String text(YNode node, String path) throws StackFileException {
    Optional<String> text = optText(node, path);
    if (text.isEmpty()) {
      throw invalid(path, node.line(), "must not be null");
    }
    return text.get();
  }
}
