package se.kth.aspen.core.state;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.StateStore;

/** The embedded store on a tmpfs that fills up. */
class FileStateStoreFullDiskIT extends WriteFailureContract {

  @TempDir Path temp;
  private SmallTmpfs disk;

  @Override
  protected StateStore newStore() throws Exception {
    disk = SmallTmpfs.mount(temp.resolve("disk"), 256);
    return reopen();
  }

  @Override
  protected StateStore reopen() throws Exception {
    return FileStateStore.open(disk.dir().resolve("state.json"), Clock.systemUTC());
  }

  @Override
  protected void breakWrites() throws Exception {
    disk.fill();
  }

  @Override
  protected void repairWrites() throws Exception {
    disk.empty();
  }

  @Override
  protected void cleanUp() throws Exception {
    if (disk != null) {
      disk.close();
    }
  }
}
