package se.kth.aspen.core.pass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.regex.Pattern;
import se.kth.aspen.core.fingerprint.DigestCache;
import se.kth.aspen.core.fingerprint.DirectoryDigest;
import se.kth.aspen.core.fingerprint.TreeListing;

/**
 * The first, cheap half of decide: the digest of the target's directory, and whether its stack
 * names an image through a variable (which may be a version range to resolve). A stack whose
 * images name no variable needs no parsing before the decision: its images follow from the
 * directory's content and the target's fixed variables.
 */
final class Hashing {


  // An image whose value holds a '$': the only way a tag can come from a version range. Read on
  // the raw text, so flow-style mappings and quoted keys are caught too; a false positive only
  // costs a parse.
  private static final Pattern IMAGE_WITH_VARIABLE = Pattern.compile("image['\"]?\\s*:[^\\n]*\\$");

  /** Files bigger than this are not scanned; the parse that follows refuses them with its own reason. */
  private static final int SCAN_LIMIT = 1 << 20;

  record Input(AppTarget target) {}

  record Output(DirectoryDigest digest, boolean imagesNameVariables) {}

  private final DigestCache<Output> cache;
  private final Optional<TreeListing> tree;

  /**
   * @param cache directories hashed by earlier passes, recalled while their listing is unchanged
   * @param tree this pass's walk of the registry, to check directories against without listing them again
   */
  Hashing(DigestCache<Output> cache, Optional<TreeListing> tree) {
    this.cache = cache;
    this.tree = tree;
  }

  Output hash(Input in) throws StepFailure {
    Path stack = in.target().stackFile();
    try {
      // The walk this pass made already saw the stack file; the digest below is checked against
      // that same walk, so refusing a link on what it saw leaves no gap between check and use.
      TreeListing.Kind kind = tree.isPresent() ? tree.get().kind(in.target().stackPath()) : kindNow(stack);
      if (kind == TreeListing.Kind.LINK) {
        throw new StepFailure(Step.READ, FailureKind.INVALID, RegistryLinks.stackFile(in.target().stackPath()));
      }
      if (kind != TreeListing.Kind.REGULAR_FILE) {
        throw new StepFailure(Step.READ, FailureKind.INVALID, in.target().stackPath() + " is not a regular file");
      }
      Path directory = in.target().directory();
      return tree.isPresent()
          ? cache.digest(directory, tree.get(), Discovery.STACK_FILE, SCAN_LIMIT, Hashing::derive)
          : cache.digest(directory, Discovery.STACK_FILE, SCAN_LIMIT, Hashing::derive);
    } catch (IOException e) {
      throw new StepFailure(Step.READ, FailureKind.INVALID, "reading " + in.target().stackPath() + "'s directory: " + e.getMessage(), e);
    }
  }

  private static TreeListing.Kind kindNow(Path stack) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(stack, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return attrs.isSymbolicLink() ? TreeListing.Kind.LINK
        : attrs.isRegularFile() ? TreeListing.Kind.REGULAR_FILE : TreeListing.Kind.OTHER;
  }

  private static Output derive(DirectoryDigest.Kept digest) {
    // A stack too big to scan is parsed, and the parse refuses it with its own reason.
    return new Output(digest.digest(), digest.content() == null || namesVariables(digest.content()));
  }

  private static boolean namesVariables(byte[] content) {
    // ISO-8859-1 maps every byte to one char: no decoding error on invalid UTF-8, which the
    // parse reports properly later.
    return IMAGE_WITH_VARIABLE.matcher(new String(content, StandardCharsets.ISO_8859_1)).find();
  }
}
