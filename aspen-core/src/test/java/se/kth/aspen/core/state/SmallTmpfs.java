package se.kth.aspen.core.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs of the test's own under a temporary directory (the tests run as root): filled up
 * or remounted read-only to make writes fail as they do on a real disk, unmounted at the end.
 */
final class SmallTmpfs implements AutoCloseable {

  private final Path dir;
  private final Path filler;

  private SmallTmpfs(Path dir) {
    this.dir = dir;
    this.filler = dir.resolve("filler");
  }

  static SmallTmpfs mount(Path dir, int kib) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString());
    return new SmallTmpfs(dir);
  }

  Path dir() {
    return dir;
  }

  /** Writes until the file system has no space left. */
  void fill() throws IOException {
    byte[] block = new byte[4096];
    try (var out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      // No space left on device: the point.
    }
  }

  void empty() throws IOException {
    Files.deleteIfExists(filler);
  }

  void readOnly() throws IOException, InterruptedException {
    run("mount", "-o", "remount,ro", dir.toString());
  }

  void writable() throws IOException, InterruptedException {
    run("mount", "-o", "remount,rw", dir.toString());
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("umount", dir.toString());
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + new String(process.getInputStream().readAllBytes()));
    }
  }
}
