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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads a stack file into a {@link YNode} tree, safely: the size is bounded before reading, bytes
 * must be UTF-8, and SnakeYAML only parses (its events become the tree in {@link TreeBuilder}, which
 * bounds depth, aliases and expanded size; no object is ever constructed from a tag). Duplicate
 * keys are an error, as they are for the Compose CLI.
 */
final class YamlLoader {

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
    YNode tree;
    try {
      ParserImpl parser = new ParserImpl(new StreamReader(new StringReader(text)), options());
      tree = new TreeBuilder(parser, limits, display).document();
    } catch (MarkedYAMLException e) {
      throw new StackFileException(display, lineOf(e), "", "invalid YAML: " + yamlProblem(e), e);
    } catch (YAMLException e) {
      throw new StackFileException(display, 0, "", "invalid YAML: " + oneLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      // SnakeYAML documents YAMLException only; anything else is still the file's fault.
      throw new StackFileException(display, 0, "", "invalid YAML: " + oneLine(String.valueOf(e.getMessage())), e);
    }
    if (tree == null) {
      throw new StackFileException(display, 0, "", "the file is empty");
    }
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
}
