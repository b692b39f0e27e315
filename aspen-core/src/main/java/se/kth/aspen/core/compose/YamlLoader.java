package se.kth.aspen.core.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;

/**
 * Reads a stack file into a {@link YNode} tree, safely: the size is bounded before reading, bytes
 * must be UTF-8, SnakeYAML only composes nodes (no object is ever constructed, tags are ignored),
 * aliases and depth are bounded while parsing and the expanded tree is bounded afterwards.
 * Duplicate keys are an error, as they are for the Compose CLI.
 */
final class YamlLoader {

  /**
   * Only nulls and merge keys matter here: every other scalar stays text until interpolation and
   * its field decide its type, so the regular expressions for booleans, numbers and timestamps are
   * not worth running on every scalar.
   */
  private static final Resolver NULL_AND_MERGE = new Resolver() {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
      addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
      addImplicitResolver(Tag.NULL, EMPTY, null, 10);
    }
  };

  private final ReadLimits limits;

  YamlLoader(ReadLimits limits) {
    this.limits = limits;
  }

  YNode.Mapping load(Path file, String display) throws StackFileException {
    byte[] bytes = readBounded(file, display);
    String text = decode(bytes, display);
    if (text.isBlank()) {
      throw new StackFileException(display, 0, "", "the file is empty");
    }
    Node root;
    try {
      LoaderOptions options = options();
      Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options),
          NULL_AND_MERGE, options);
      root = composer.getSingleNode();
    } catch (MarkedYAMLException e) {
      throw new StackFileException(display, lineOf(e), "", "invalid YAML: " + yamlProblem(e), e);
    } catch (YAMLException e) {
      throw new StackFileException(display, 0, "", "invalid YAML: " + oneLine(e.getMessage()), e);
    } catch (StackOverflowError e) {
      throw new StackFileException(display, 0, "", "invalid YAML: nested too deeply");
    }
    if (root == null) {
      throw new StackFileException(display, 0, "", "the file is empty");
    }
    YNode tree = new Converter(display).convert(root, 1);
    if (!(tree instanceof YNode.Mapping mapping)) {
      throw new StackFileException(display, tree.line(), "",
          "the top level must be a mapping of keys such as services, got " + tree.kind());
    }
    return mapping;
  }

  private LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setNestingDepthLimit(limits.maxDepth());
    options.setCodePointLimit(limits.maxFileBytes());
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  private byte[] readBounded(Path file, String display) throws StackFileException {
    try {
      if (!Files.isRegularFile(file)) {
        throw new StackFileException(display, 0, "", "is not a regular file");
      }
      long size = Files.size(file);
      if (size > limits.maxFileBytes()) {
        throw tooLarge(display, size);
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] bytes = in.readNBytes(limits.maxFileBytes() + 1);
        if (bytes.length > limits.maxFileBytes()) {
          throw tooLarge(display, bytes.length);
        }
        return bytes;
      }
    } catch (NoSuchFileException e) {
      throw new StackFileException(display, 0, "", "the file does not exist");
    } catch (IOException e) {
      throw new StackFileException(display, 0, "", "the file cannot be read: " + e.getMessage(), e);
    }
  }

  private StackFileException tooLarge(String display, long size) {
    return new StackFileException(display, 0, "",
        "the file has " + (size > limits.maxFileBytes() ? "more than " : "") + limits.maxFileBytes()
            + " bytes, the most a stack file may have");
  }

  private static String decode(byte[] bytes, String display) throws StackFileException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new StackFileException(display, line, "", "the file is not valid UTF-8 (byte " + offset + ")");
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static int lineOf(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    return mark == null ? 0 : mark.getLine() + 1;
  }

  private static String yamlProblem(MarkedYAMLException e) {
    String context = e.getContext();
    String problem = e.getProblem();
    String text = (context == null ? "" : context + ": ") + (problem == null ? "" : problem);
    return oneLine(text.isBlank() ? String.valueOf(e.getMessage()) : text);
  }

  private static String oneLine(String text) {
    return text == null ? "unknown problem" : text.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  /** SnakeYAML nodes to {@link YNode}s, expanding aliases and merge keys within the budget. */
  private final class Converter {
    private final String display;
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private int nodes;

    Converter(String display) {
      this.display = display;
    }

    YNode convert(Node node, int depth) throws StackFileException {
      int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
      if (++nodes > limits.maxNodes()) {
        throw new StackFileException(display, line, "",
            "the file expands to more than " + limits.maxNodes() + " YAML nodes (too many or too large aliases)");
      }
      if (depth > limits.maxDepth()) {
        throw new StackFileException(display, line, "", "nested more than " + limits.maxDepth() + " levels deep");
      }
      if (node instanceof ScalarNode scalar) {
        boolean plain = scalar.getScalarStyle() == ScalarStyle.PLAIN;
        String text = plain && Tag.NULL.equals(scalar.getTag()) ? null : scalar.getValue();
        return new YNode.Scalar(text, plain, line);
      }
      if (!inProgress.add(node)) {
        throw new StackFileException(display, line, "", "an alias refers to a node that contains it");
      }
      try {
        if (node instanceof SequenceNode sequence) {
          List<YNode> items = new ArrayList<>(sequence.getValue().size());
          for (Node item : sequence.getValue()) {
            items.add(convert(item, depth + 1));
          }
          return new YNode.Sequence(Collections.unmodifiableList(items), line);
        }
        return mapping((MappingNode) node, line, depth);
      } finally {
        inProgress.remove(node);
      }
    }

    private YNode.Mapping mapping(MappingNode node, int line, int depth) throws StackFileException {
      LinkedHashMap<String, YNode> entries = new LinkedHashMap<>();
      Map<String, Integer> keyLines = new HashMap<>();
      List<YNode> merges = new ArrayList<>();
      for (NodeTuple tuple : node.getValue()) {
        Node keyNode = tuple.getKeyNode();
        int keyLine = keyNode.getStartMark() == null ? line : keyNode.getStartMark().getLine() + 1;
        if (!(keyNode instanceof ScalarNode keyScalar) || Tag.NULL.equals(keyScalar.getTag())) {
          throw new StackFileException(display, keyLine, "", "a mapping key must be a string");
        }
        String key = keyScalar.getValue();
        if (Tag.MERGE.equals(keyScalar.getTag())) {
          merges.add(convert(tuple.getValueNode(), depth + 1));
          continue;
        }
        if (entries.containsKey(key)) {
          throw new StackFileException(display, keyLine, "",
              "duplicate key \"" + key + "\" (first on line " + keyLines.get(key) + ")");
        }
        entries.put(key, convert(tuple.getValueNode(), depth + 1));
        keyLines.put(key, keyLine);
      }
      for (YNode merge : merges) {
        List<YNode> sources = merge instanceof YNode.Sequence seq ? seq.items() : List.of(merge);
        for (YNode source : sources) {
          if (!(source instanceof YNode.Mapping merged)) {
            throw new StackFileException(display, source.line(), "", "a merge key (<<) must name a mapping");
          }
          merged.entries().forEach((k, v) -> {
            if (entries.putIfAbsent(k, v) == null) {
              keyLines.put(k, merged.keyLine(k));
            }
          });
        }
      }
      return new YNode.Mapping(Collections.unmodifiableSequencedMap(entries), keyLines, line);
    }
  }
}
