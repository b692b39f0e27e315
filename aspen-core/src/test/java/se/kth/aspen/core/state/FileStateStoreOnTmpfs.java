package se.kth.aspen.core.state;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.StateStore;

/**
 * The embedded store on a small tmpfs of the test's own: each subclass breaks its writes in its
 * own way (a full disk, a read-only remount).
 */
abstract class FileStateStoreOnTmpfs extends WriteFailureContract {

  @TempDir Path temp;
  private final int kib;
  private SmallTmpfs disk;

  /** @param kib the size of the tmpfs */
  FileStateStoreOnTmpfs(int kib) {
    this.kib = kib;
  }

  SmallTmpfs disk() {
    return disk;
  }

  @Override
  protected StateStore newStore() throws Exception {
    disk = SmallTmpfs.mount(temp.resolve("disk"), kib);
    return reopen();
  }

  @Override
  protected StateStore reopen() throws Exception {
    return FileStateStore.open(disk.dir().resolve("state.json"), Clock.systemUTC());
  }

  @Override
  protected void cleanUp() throws Exception {
    if (disk != null) {
      disk.close();
    }
  }
}
