package se.kth.aspen.core.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.Lease;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;
import se.kth.aspen.core.port.UnreachableException;

/**
 * The embedded state store (no {@code REDIS_URL}): the state in memory, written through to one
 * JSON file after every change, atomically (a temporary file beside it, fsync, rename, fsync of
 * the directory), so a crash leaves the old or the new state, never half of one. A change is on
 * disk when its call returns. Changes made at the same time share one write (group commit): a
 * writer that finds its change already written by another returns at once, so PARALLELISM
 * threads recording together cost about one write each round, not one each.
 *
 * <p>A file that cannot be read as state is never silently emptied: it is moved aside as {@code
 * <name>.corrupt-<time>}, the store starts empty, and {@link #problems()} (and the log) say so.
 * Leases live in memory only: this store serves one runner; runners that share state share Redis.
 */
public final class FileStateStore implements StateStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileStateStore.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path file;
  private final InMemoryStateStore memory;
  private final List<String> problems;
  /** Held while writing the file; taken after the store's monitor is released, never inside it. */
  private final ReentrantLock writing = new ReentrantLock();
  // guarded by this
  private long changes;
  // guarded by writing
  private long written;
  // guarded by this: what the file holds, to go back to when a write fails
  private InMemoryStateStore.Durable onDisk;
  // guarded by this: changes up to this number were undone by a failed write
  private long undoneUpTo;

  private FileStateStore(Path file, InMemoryStateStore memory, List<String> problems) {
    this.file = file;
    this.memory = memory;
    this.problems = List.copyOf(problems);
  }

  /**
   * Opens the store at {@code file}, creating its directory when missing.
   *
   * @throws IOException when the directory cannot be created or the file cannot be read or set
   *     aside
   */
  public static FileStateStore open(Path file, Clock clock) throws IOException {
    Objects.requireNonNull(file, "file");
    Path absolute = file.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    InMemoryStateStore memory = new InMemoryStateStore(clock);
    List<String> problems = new ArrayList<>();
    byte[] content = null;
    try {
      content = Files.readAllBytes(absolute);
    } catch (NoSuchFileException e) {
      // A first start: nothing recorded yet.
    }
    if (content != null) {
      try {
        memory.restore(StateFileFormat.read(content));
      } catch (IOException e) {
        Path aside = absolute.resolveSibling(absolute.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
        Files.move(absolute, aside, StandardCopyOption.REPLACE_EXISTING);
        String problem = "state file " + absolute + " could not be read (" + e.getMessage() + "); set aside as "
            + aside.getFileName() + ", starting with no recorded deploys: every app deploys again";
        LOG.warn(problem);
        problems.add(problem);
      }
    }
    FileStateStore store = new FileStateStore(absolute, memory, problems);
    store.onDisk = memory.durable();
    return store;
  }

  /** What went wrong when the store was opened (a corrupt file set aside); empty normally. */
  public List<String> problems() {
    return problems;
  }

  @Override
  public String describe() {
    return "the embedded state store";
  }

  @Override
  public TargetState read(TargetKey target) {
    return memory.read(target);
  }

  @Override
  public void recordSuccess(TargetKey target, DeployRecord record) throws PortException {
    persist(change(() -> memory.recordSuccess(target, record)));
  }

  @Override
  public void recordFailure(TargetKey target, FailureRecord record) throws PortException {
    persist(change(() -> memory.recordFailure(target, record)));
  }

  @Override
  public boolean forget(TargetKey target) throws PortException {
    long change;
    synchronized (this) {
      if (!memory.forget(target)) {
        return false;
      }
      change = ++changes;
    }
    persist(change);
    return true;
  }

  @Override
  public int forgetCluster(String group, String cluster) throws PortException {
    long change;
    int n;
    synchronized (this) {
      n = memory.forgetCluster(group, cluster);
      if (n == 0) {
        return 0;
      }
      change = ++changes;
    }
    persist(change);
    return n;
  }

  @Override
  public long count(String group) {
    return memory.count(group);
  }

  @Override
  public Set<String> recordedStackPaths(String group, String cluster) {
    return memory.recordedStackPaths(group, cluster);
  }

  @Override
  public Optional<Instant> errorReported(ErrorMark mark) {
    return memory.errorReported(mark);
  }

  @Override
  public void markErrorReported(ErrorMark mark, Instant at, Duration ttl) throws PortException {
    persist(change(() -> memory.markErrorReported(mark, at, ttl)));
  }

  @Override
  public void clearErrorMarks(TargetKey target) throws PortException {
    persist(change(() -> memory.clearErrorMarks(target)));
  }

  @Override
  public Optional<Lease> tryLease(TargetKey target, Duration ttl) {
    return memory.tryLease(target, ttl);
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) {
    return memory.renew(lease, ttl);
  }

  @Override
  public void release(Lease lease) {
    memory.release(lease);
  }

  /** Applies the change to memory and numbers it; the caller then persists it. */
  private synchronized long change(Runnable mutation) {
    mutation.run();
    return ++changes;
  }

  /**
   * Returns once the file holds change number {@code change} (and every one before it): at once
   * when a write that began after it was made has ended, else after writing everything so far.
   *
   * <p>A write that fails undoes every change not yet on disk, in memory too, and each of their
   * callers gets the exception: what this store answers is always what its file holds, so a
   * deploy whose record could not be written reads as not recorded, and is recorded again on a
   * later pass.
   */
  private void persist(long change) throws PortException {
    writing.lock();
    try {
      if (written >= change) {
        return;
      }
      synchronized (this) {
        if (change <= undoneUpTo) {
          throw new UnreachableException("writing the state file " + file + ": an earlier write failed and this change was "
              + "undone", null);
        }
      }
      long upTo;
      InMemoryStateStore.Durable content;
      synchronized (this) {
        upTo = changes;
        content = memory.durable();
      }
      try {
        write(StateFileFormat.write(content));
      } catch (IOException e) {
        synchronized (this) {
          memory.restore(onDisk);
          undoneUpTo = changes;
        }
        LOG.warn("could not write the state file {}: {}; the changes since the last write are undone", file, e.getMessage());
        throw new UnreachableException("writing the state file " + file + ": " + e.getMessage(), e);
      }
      synchronized (this) {
        onDisk = content;
      }
      written = upTo;
    } finally {
      writing.unlock();
    }
  }

  private void write(byte[] content) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory();
  }


  // Makes the rename itself durable; some file systems refuse to open a directory, which only
  // weakens durability after a power cut, never consistency.
  private void syncDirectory() {
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      LOG.debug("could not fsync {}: {}", file.getParent(), e.getMessage());
    }
  }
}
