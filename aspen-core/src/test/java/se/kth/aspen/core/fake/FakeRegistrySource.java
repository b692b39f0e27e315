package se.kth.aspen.core.fake;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RegistrySnapshot;
import se.kth.aspen.core.port.RegistrySource;

/** A registry source that hands out a snapshot the test sets, or fails as told; counts syncs. */
public final class FakeRegistrySource implements RegistrySource {

  private volatile RegistrySnapshot snapshot;
  private volatile PortException failure;
  private final AtomicInteger syncs = new AtomicInteger();

  public FakeRegistrySource(Path root, String revision) {
    this.snapshot = RegistrySnapshot.of(root, revision);
  }

  public FakeRegistrySource snapshot(RegistrySnapshot value) {
    this.snapshot = value;
    return this;
  }

  /** Every later sync throws this, until {@link #recover()}. */
  public FakeRegistrySource failWith(PortException value) {
    this.failure = value;
    return this;
  }

  public FakeRegistrySource recover() {
    this.failure = null;
    return this;
  }

  public int syncs() {
    return syncs.get();
  }

  @Override
  public RegistrySnapshot sync(Deadline deadline) throws PortException {
    syncs.incrementAndGet();
    PortException f = failure;
    if (f != null) {
      throw f;
    }
    return snapshot;
  }
}
