package se.kth.aspen.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The working directory given to the source, holding its clones: {@code checkout-<id>}
 * directories and a {@code current} file naming the one in service. A new clone is made beside
 * the current one and put in service by rewriting {@code current} atomically, so there is a
 * usable copy at every moment, even across a crash.
 */
final class CheckoutArea {

  private static final String CURRENT = "current";
  private static final String PREFIX = "checkout-";

  private final Path root;

  CheckoutArea(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** The clone in service, if one was ever put there and still exists. */
  Optional<Path> current() throws IOException {
    Path pointer = root.resolve(CURRENT);
    if (!Files.isRegularFile(pointer)) {
      return Optional.empty();
    }
    String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
    if (!name.startsWith(PREFIX) || name.contains("/") || name.contains("\\")) {
      return Optional.empty();
    }
    Path directory = root.resolve(name);
    // A link in place of a clone would let a snapshot root lie outside the working directory.
    return Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) ? Optional.of(directory) : Optional.empty();
  }

  /** A new, empty directory for a clone, not yet in service. */
  Path fresh() throws IOException {
    Files.createDirectories(root);
    Path directory = root.resolve(PREFIX + UUID.randomUUID().toString().substring(0, 8));
    Files.createDirectory(directory);
    return directory;
  }

  /** Puts {@code directory} in service, then removes every other clone. */
  void promote(Path directory) throws IOException {
    Path pointer = root.resolve(CURRENT);
    Path next = root.resolve(CURRENT + ".next");
    Files.writeString(next, directory.getFileName().toString() + "\n", StandardCharsets.UTF_8);
    try {
      Files.move(next, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(next, pointer, StandardCopyOption.REPLACE_EXISTING);
    }
    List<Path> others;
    try (Stream<Path> entries = Files.list(root)) {
      others =
          entries
              .filter(p -> p.getFileName().toString().startsWith(PREFIX))
              .filter(p -> !p.equals(directory))
              .toList();
    }
    for (Path other : others) {
      discard(other);
    }
  }

  /** Deletes a clone (never following a symbolic link out of it); best effort. */
  void discard(Path directory) {
    try {
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // A leftover is removed by the next promote; it is never served.
    }
  }
}
