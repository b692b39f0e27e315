package se.kth.aspen.core.pass;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;
import se.kth.aspen.core.fingerprint.DirectoryDigest;

/**
 * The first, cheap half of decide: the digest of the target's directory, and whether its stack
 * names an image through a variable (which may be a version range to resolve). A stack whose
 * images name no variable needs no parsing before the decision: its images follow from the
 * directory's content and the target's fixed variables.
 */
final class Hashing {

  static final String STEP = "Read";

  // An image whose value holds a '$': the only way a tag can come from a version range. Read on
  // the raw text, so flow-style mappings and quoted keys are caught too; a false positive only
  // costs a parse.
  private static final Pattern IMAGE_WITH_VARIABLE = Pattern.compile("image['\"]?\\s*:[^\\n]*\\$");

  /** Files bigger than this are not scanned; the parse that follows refuses them with its own reason. */
  private static final long SCAN_LIMIT = 1 << 20;

  record Input(AppTarget target) {}

  record Output(DirectoryDigest digest, boolean imagesNameVariables) {}

  Output hash(Input in) throws StepFailure {
    Path stack = in.target().stackFile();
    if (Files.isSymbolicLink(stack)) {
      throw new StepFailure(STEP, FailureKind.INVALID, in.target().stackPath()
          + " is a symbolic link; a stack file must be a regular file inside the registry");
    }
    if (!Files.isRegularFile(stack, LinkOption.NOFOLLOW_LINKS)) {
      throw new StepFailure(STEP, FailureKind.INVALID, in.target().stackPath() + " is not a regular file");
    }
    try {
      DirectoryDigest digest = DirectoryDigest.of(in.target().directory());
      return new Output(digest, namesVariables(stack));
    } catch (IOException e) {
      throw new StepFailure(STEP, FailureKind.INVALID, "reading " + in.target().stackPath() + "'s directory: " + e.getMessage(), e);
    }
  }

  private static boolean namesVariables(Path stack) throws IOException {
    if (Files.size(stack) > SCAN_LIMIT) {
      return true;
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(stack, LinkOption.NOFOLLOW_LINKS)) {
      content = in.readNBytes((int) SCAN_LIMIT + 1);
    }
    // ISO-8859-1 maps every byte to one char: no decoding error on invalid UTF-8, which the
    // parse reports properly later.
    return IMAGE_WITH_VARIABLE.matcher(new String(content, StandardCharsets.ISO_8859_1)).find();
  }
}
